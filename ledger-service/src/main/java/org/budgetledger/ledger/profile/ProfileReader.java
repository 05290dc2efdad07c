package org.budgetledger.ledger.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.Staffing;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.ledger.web.ApiException;

/** Reads and checks a unit profile's JSON; any problem is a 422 naming the field. */
final class ProfileReader {

    private static final Set<String> FIELDS = Set.of("name", "kind", "parentUnitCode", "region", "staffing", "duties");
    private static final Set<String> STAFFING = Set.of("authorized", "actual", "active", "retiredCadres", "retired");
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 20_000;

    private ProfileReader() {}

    static UnitProfile read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("a unit profile must be a JSON object");
        }
        unknown(node, FIELDS, "");
        String name = text(node, "name", MAX_NAME, true);
        String kindText = text(node, "kind", 64, true);
        UnitKind kind;
        try {
            kind = UnitKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(
                    "kind.unknown",
                    "kind",
                    "kind must be ADMINISTRATIVE, CIVIL_SERVICE_MANAGED, PUBLIC_INSTITUTION or OTHER (got \"" + kindText
                            + "\")");
        }
        String parent = text(node, "parentUnitCode", 64, false);
        if (parent != null && !LedgerId.UNIT_CODE.matcher(parent).matches()) {
            throw ApiException.unprocessable(
                    "parentUnitCode.format", "parentUnitCode", "parentUnitCode must match " + LedgerId.UNIT_CODE);
        }
        Staffing staffing = null;
        JsonNode s = node.get("staffing");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw ApiException.unprocessable("field.type", "staffing", "staffing must be an object");
            }
            unknown(s, STAFFING, "staffing.");
            staffing = new Staffing(
                    count(s, "authorized"),
                    count(s, "actual"),
                    count(s, "active"),
                    count(s, "retiredCadres"),
                    count(s, "retired"));
        }
        return new UnitProfile(
                name,
                kind,
                parent,
                text(node, "region", MAX_NAME, false),
                staffing,
                text(node, "duties", MAX_TEXT, false));
    }

    private static void unknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw ApiException.unprocessable(
                        "field.unknown", prefix + f, prefix + f + " is not a field of a unit profile");
            }
        }
    }

    private static String text(JsonNode node, String field, int max, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.unprocessable(field + ".required", field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.unprocessable("field.type", field, field + " must be a string");
        }
        String t = v.textValue().strip();
        if (required && t.isEmpty()) {
            throw ApiException.unprocessable(field + ".required", field, field + " must not be blank");
        }
        if (t.length() > max) {
            throw ApiException.unprocessable("text.too_long", field, field + " is longer than " + max + " characters");
        }
        return t;
    }

    private static Integer count(JsonNode staffing, String field) {
        JsonNode v = staffing.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw ApiException.unprocessable(
                    "staffing.count", "staffing." + field, "staffing." + field + " must be a whole number ≥ 0");
        }
        return v.intValue();
    }
}
