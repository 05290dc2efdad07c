package org.budgetledger.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The posting streams of src/main/resources/fixtures (fixtures/ on the classpath, described in its README.md) with
 * the figures they must produce: units, catalogue additions, postings in order, probes with their expected status.
 */
public final class Fixtures {

    public static final String HETANG = "hetang-cac-2019";
    public static final String DEMO_WLJ = "demo-wlj-2020";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;

    private Fixtures(String name) {
        this.name = name;
    }

    public static Fixtures of(String name) {
        return new Fixtures(name);
    }

    /** Every unit as {unitCode, fiscalYear, profile}, parents first. */
    public List<JsonNode> units() {
        Optional<JsonNode> several = json("units.json");
        if (several.isPresent()) {
            List<JsonNode> units = new ArrayList<>();
            several.get().forEach(units::add);
            return units;
        }
        JsonNode profile = json("unit.json").orElseThrow();
        JsonNode first = postings().get(0);
        return List.of(MAPPER.createObjectNode()
                .put("unitCode", first.get("unitCode").asText())
                .put("fiscalYear", first.get("fiscalYear").asInt())
                .set("profile", profile));
    }

    /** The catalogue additions the postings need beyond what ships, as {functional: [...], economic: [...]}. */
    public Optional<JsonNode> catalogue() {
        return json("catalogue.json");
    }

    /** The unit's free text (narrative.json, when present) as section key → text, as the narrative endpoint takes it. */
    public java.util.Map<String, String> narrative() {
        java.util.Map<String, String> sections = new java.util.LinkedHashMap<>();
        json("narrative.json")
                .ifPresent(n -> n.get("sections")
                        .fields()
                        .forEachRemaining(
                                e -> sections.put(e.getKey(), e.getValue().asText())));
        return sections;
    }

    /** The narrative endpoint's body ({"sections": {...}}), when the fixture has one. */
    public Optional<String> narrativeBody() {
        return Optional.ofNullable(textOrNull("narrative.json"));
    }

    public List<JsonNode> postings() {
        return lines("postings.jsonl");
    }

    /** {expect: [status…], why, posting}. */
    public List<JsonNode> probes() {
        return lines("probes.jsonl");
    }

    public JsonNode expectedCells() {
        return json("expected-cells.json").orElseThrow();
    }

    public Optional<JsonNode> expectedCellsByUnit() {
        return json("expected-cells-by-unit.json");
    }

    private List<JsonNode> lines(String file) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text(file).lines().toList()) {
            if (!line.isBlank()) {
                nodes.add(parse(line));
            }
        }
        return nodes;
    }

    private Optional<JsonNode> json(String file) {
        String text = textOrNull(file);
        return text == null ? Optional.empty() : Optional.of(parse(text));
    }

    private String text(String file) {
        String text = textOrNull(file);
        if (text == null) {
            throw new IllegalArgumentException("no fixture file " + name + "/" + file);
        }
        return text;
    }

    private String textOrNull(String file) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("fixtures/" + name + "/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
