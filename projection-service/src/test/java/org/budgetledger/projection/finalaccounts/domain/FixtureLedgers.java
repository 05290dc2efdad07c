package org.budgetledger.projection.finalaccounts.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.testkit.Fixtures;

/**
 * A tiny in-test projector over one fixture: the postings in order, per unit a {@link Figures} (scope self),
 * reversals resolved through the postings seen so far; consolidation over descendants by parentUnitCode.
 */
final class FixtureLedgers {

    private static final ObjectMapper MAPPER = Json.newMapper();

    final Fixtures fixture;
    final String root;
    final Map<String, UnitKind> kinds = new LinkedHashMap<>();
    final Map<String, String> parents = new HashMap<>();
    final Map<String, Figures> self = new LinkedHashMap<>();

    FixtureLedgers(String name) {
        fixture = Fixtures.of(name);
        String first = null;
        for (JsonNode unit : fixture.units()) {
            String code = unit.get("unitCode").asText();
            JsonNode profile = unit.get("profile");
            kinds.put(code, UnitKind.valueOf(profile.get("kind").asText()));
            JsonNode parent = profile.get("parentUnitCode");
            if (parent != null && !parent.isNull()) {
                parents.put(code, parent.asText());
            } else if (first == null) {
                first = code;
            }
            self.put(code, new Figures());
        }
        root = first;
        Map<String, Posting> byId = new HashMap<>();
        for (JsonNode node : fixture.postings()) {
            Posting posting = posting(node);
            if (byId.putIfAbsent(posting.postingId(), posting) != null) {
                throw new IllegalStateException("duplicate posting id " + posting.postingId());
            }
            if (posting.type() == PostingType.REVERSAL) {
                Posting reversed = byId.get(posting.reverses());
                self.get(reversed.unitCode()).apply(CellRouting.contributions(reversed), -1);
            } else {
                self.get(posting.unitCode()).apply(CellRouting.contributions(posting), 1);
            }
        }
    }

    static Posting posting(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, Posting.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The unit alone, with 机关运行经费 by its kind. */
    Figures selfWithOperatingCosts(String unit) {
        return self.get(unit).withOperatingCosts(kinds.get(unit));
    }

    /** The unit and all its descendants, each with 机关运行经费 by its own kind, summed. */
    Figures consolidated(String unit) {
        List<Figures> parts = new ArrayList<>();
        for (String code : kinds.keySet()) {
            if (isWithin(code, unit)) {
                parts.add(selfWithOperatingCosts(code));
            }
        }
        return Figures.sum(parts);
    }

    private boolean isWithin(String code, String ancestor) {
        for (String c = code; c != null; c = parents.get(c)) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> cells(JsonNode cells) {
        Map<String, String> map = new HashMap<>();
        cells.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
