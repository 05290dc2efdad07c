package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.call;
import static org.budgetledger.system.TwoServices.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the public saw, on the running services with the seed office: a publication recorded in the unit's hash
 * chain; one expenditure and one reversal after it; the published cells unchanged, exactly the cells those two moved
 * listed with both postings; the chain intact; and all of it the same after a rebuild.
 */
class PublicationsTest {

    private static final String UNIT = "HT-CAC";
    private static final String BASE = "/api/v1/final-accounts/" + UNIT + "/2019";
    private static TwoServices services;
    private static JsonNode cellsBefore;
    private static long eventsBefore;

    @BeforeAll
    static void start() throws Exception {
        services = TwoServices.start("publications");
        Fixtures seed = Fixtures.of(Fixtures.HETANG);
        seed.catalogue().ifPresent(c -> {
            for (String kind : new String[] {"functional", "economic"}) {
                call("PUT", services.ledger.url("/api/v1/catalogues/2019/" + kind), "{\"codes\":" + c.get(kind) + "}");
            }
        });
        for (JsonNode unit : seed.units()) {
            call(
                    "PUT",
                    services.ledger.url("/api/v1/units/" + UNIT + "/years/2019"),
                    unit.get("profile").toString());
        }
        ArrayNode batch = TwoServices.JSON.createArrayNode();
        seed.postings().forEach(batch::add);
        assertThat(call("POST", services.ledger.url("/api/v1/postings/batch"), batch.toString())
                        .statusCode())
                .isEqualTo(200);
        eventsBefore = json(call("GET", services.ledger.url("/api/v1/units/" + UNIT + "/years/2019/ledger"), null))
                .get("nextSequence")
                .asLong();
        cellsBefore = services.awaitPosition(UNIT, 2019, eventsBefore).get("cells");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (services != null) {
            services.stop();
        }
    }

    @Test
    void aPublicationKeepsWhatThePublicSawAndShowsWhatChangedSince() throws Exception {
        var created = call("POST", services.projection.url(BASE + "/publications"), "{\"note\":\"门户网站公开\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode publication = json(created);
        String id = publication.get("id").asText();
        assertThat(publication.get("positions").get(UNIT + ":2019").asLong()).isEqualTo(eventsBefore);
        assertThat(publication.get("digest").asText()).isEqualTo(digest(cellsBefore));
        assertThat(publication.get("publishedAt").asText()).isNotBlank();

        // the reversal first: it frees what the expenditure then spends (the office spent its whole budget)
        post("{\"postingId\":\"AFTER-PUB-2\",\"sourceSystem\":\"treasury-payments\",\"unitCode\":\"HT-CAC\","
                + "\"fiscalYear\":2019,\"type\":\"REVERSAL\",\"reverses\":\"HT-CAC-2019-00010\","
                + "\"reason\":\"重复支付，冲销\"}");
        post("{\"postingId\":\"AFTER-PUB-1\",\"sourceSystem\":\"treasury-payments\",\"unitCode\":\"HT-CAC\","
                + "\"fiscalYear\":2019,\"type\":\"EXPENDITURE\",\"fundSource\":\"GENERAL_BUDGET\","
                + "\"functionalCode\":\"2013701\",\"economicCode\":\"30108\",\"expenditureKind\":\"BASIC\","
                + "\"amount\":\"1000.00\",\"occurredOn\":\"2019-12-20\"}");
        JsonNode now = services.awaitPosition(UNIT, 2019, eventsBefore + 3).get("cells");

        assertThat(json(get(BASE + "/publications/" + id + "/cells")).get("cells"))
                .isEqualTo(cellsBefore);
        assertThat(json(get(BASE + "/cells?publication=" + id)).get("cells")).isEqualTo(cellsBefore);
        assertThat(get(BASE + "?publication=" + id).statusCode()).isEqualTo(200);
        JsonNode changes = json(get(BASE + "/publications/" + id + "/changes")).get("changes");
        assertThat(keys(changes)).isEqualTo(moved(cellsBefore, now)).isNotEmpty();
        Set<String> postings = new HashSet<>();
        for (JsonNode change : changes) {
            assertThat(change.get("published").asText()).isEqualTo(value(cellsBefore, change));
            assertThat(change.get("current").asText()).isEqualTo(value(now, change));
            change.get("postings").forEach(p -> postings.add(p.get("postingId").asText()));
        }
        assertThat(postings).containsExactlyInAnyOrder("AFTER-PUB-1", "AFTER-PUB-2");

        JsonNode verify = json(call("GET", services.ledger.url("/api/v1/ledgers/" + UNIT + "/2019/verify"), null));
        assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
        assertThat(call("GET", services.ledger.url("/api/v1/ledgers/" + UNIT + "/2019/events"), null)
                        .body())
                .contains("PublicationRecorded", id);

        JsonNode signals = json(get(BASE + "/signals")).get("signals");
        Set<String> kinds = new HashSet<>();
        signals.forEach(s -> kinds.add(s.get("kind").asText()));
        assertThat(kinds).contains("AFTER_PUBLICATION").doesNotContain("LATE_ENTRY");
        for (JsonNode signal : signals) {
            if (signal.get("kind").asText().equals("AFTER_PUBLICATION")) {
                Set<String> named = new HashSet<>();
                signal.get("postings").forEach(p -> named.add(p.get("postingId").asText()));
                assertThat(named).containsExactlyInAnyOrder("AFTER-PUB-1", "AFTER-PUB-2");
                assertThat(signal.get("cellKeys")).hasSize(changes.size());
            }
        }

        String listed = get(BASE + "/publications").body();
        rebuild();
        assertThat(get(BASE + "/publications").body()).isEqualTo(listed);
        assertThat(json(get(BASE + "/publications/" + id + "/changes")).get("changes"))
                .isEqualTo(changes);
        assertThat(json(get(BASE + "/signals")).get("signals")).isEqualTo(signals);
    }

    @Test
    void aBadNoteIsNamedAndAnUnknownPublicationIsNotFound() {
        var bad = call("POST", services.projection.url(BASE + "/publications"), "{\"note\":42}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"note\"");
        assertThat(get(BASE + "/publications/pub-unknown/cells").statusCode()).isEqualTo(404);
    }

    /** The canonical form of docs/PUBLICATIONS.md, written again here: key TAB value LF in key order, SHA-256. */
    private static String digest(JsonNode cells) throws Exception {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(map(cells))
                .forEach((k, v) -> text.append(k).append('\t').append(v).append('\n'));
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> map(JsonNode cells) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cells.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Set<String> moved(JsonNode before, JsonNode after) {
        Set<String> keys = new TreeSet<>(map(before).keySet());
        keys.addAll(map(after).keySet());
        keys.removeIf(k -> map(before).getOrDefault(k, "0.00").equals(map(after).getOrDefault(k, "0.00")));
        return keys;
    }

    private static Set<String> keys(JsonNode changes) {
        Set<String> keys = new TreeSet<>();
        changes.forEach(c -> keys.add(c.get("cellKey").asText()));
        return keys;
    }

    private static String value(JsonNode cells, JsonNode change) {
        JsonNode v = cells.get(change.get("cellKey").asText());
        return v == null ? "0.00" : v.asText();
    }

    private static void post(String posting) {
        var r = call("POST", services.ledger.url("/api/v1/postings"), posting);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static java.net.http.HttpResponse<String> get(String path) {
        return call("GET", services.projection.url(path), null);
    }

    private static void rebuild() throws Exception {
        call("POST", services.projection.url("/api/v1/admin/rebuild"), "");
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode status = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null));
        while (status.get("running").asBoolean() && System.nanoTime() < end) {
            Thread.sleep(200);
            status = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null));
        }
        assertThat(status.get("phase").asText()).as(status.toString()).isEqualTo("done");
        Thread.sleep(1_200); // every instance reads the live generation again within a second
    }
}
