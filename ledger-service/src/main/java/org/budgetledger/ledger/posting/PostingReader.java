package org.budgetledger.ledger.posting;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingRule;
import org.budgetledger.ledger.posting.domain.Violation;

/**
 * Reads a posting's JSON object into a {@link PostingInput}, keeping every value as sent and noting shape problems
 * (unknown fields, wrong JSON types) for the ledger to report. Money must come as a string: a JSON number is a
 * binary float to most senders and would not survive their serializer exactly.
 */
public final class PostingReader {

    private static final Set<String> FIELDS = Set.of(
            "postingId",
            "sourceSystem",
            "unitCode",
            "fiscalYear",
            "type",
            "fundSource",
            "functionalCode",
            "economicCode",
            "expenditureKind",
            "stage",
            "amount",
            "occurredOn",
            "description",
            "activity",
            "procurement",
            "reverses",
            "reason");
    private static final Set<String> ACTIVITY_FIELDS = Set.of("kind", "groups", "persons");
    private static final Set<String> PROCUREMENT_FIELDS = Set.of("category", "smeAwarded", "smallMicroAwarded");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = org.budgetledger.contract.Json.newMapper();

    private PostingReader() {}

    /** A record's value as JSON: null when there is none or it is not JSON (the caller says what that means). */
    public static JsonNode tree(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public static PostingInput read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a posting must be a JSON object");
        }
        List<Violation> problems = new ArrayList<>();
        unknownFields(node, FIELDS, "", problems);
        PostingInput.ActivityInput activity = null;
        JsonNode a = node.get("activity");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                problems.add(typeError("activity", "an object"));
            } else {
                unknownFields(a, ACTIVITY_FIELDS, "activity.", problems);
                activity = new PostingInput.ActivityInput(
                        text(a, "kind", "activity.kind", problems),
                        integer(a, "groups", "activity.groups", problems),
                        integer(a, "persons", "activity.persons", problems));
            }
        }
        PostingInput.ProcurementInput procurement = null;
        JsonNode p = node.get("procurement");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                problems.add(typeError("procurement", "an object"));
            } else {
                unknownFields(p, PROCUREMENT_FIELDS, "procurement.", problems);
                procurement = new PostingInput.ProcurementInput(
                        text(p, "category", "procurement.category", problems),
                        bool(p, "smeAwarded", "procurement.smeAwarded", problems),
                        bool(p, "smallMicroAwarded", "procurement.smallMicroAwarded", problems));
            }
        }
        return new PostingInput(
                text(node, "postingId", "postingId", problems),
                text(node, "sourceSystem", "sourceSystem", problems),
                text(node, "unitCode", "unitCode", problems),
                integer(node, "fiscalYear", "fiscalYear", problems),
                text(node, "type", "type", problems),
                text(node, "fundSource", "fundSource", problems),
                text(node, "functionalCode", "functionalCode", problems),
                text(node, "economicCode", "economicCode", problems),
                text(node, "expenditureKind", "expenditureKind", problems),
                text(node, "stage", "stage", problems),
                text(node, "amount", "amount", problems),
                text(node, "occurredOn", "occurredOn", problems),
                text(node, "description", "description", problems),
                activity,
                procurement,
                text(node, "reverses", "reverses", problems),
                text(node, "reason", "reason", problems),
                problems);
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<Violation> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                // a blank key would make a message that names nothing: quote it
                problems.add(PostingRule.UNKNOWN_FIELD.violationOf(
                        prefix + (shown.isBlank() ? "\"" + shown + "\"" : shown), null));
            }
        }
    }

    private static String text(JsonNode node, String name, String path, List<Violation> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(typeError(path, "a string"));
            return null;
        }
        return v.textValue();
    }

    private static Integer integer(JsonNode node, String name, String path, List<Violation> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problems.add(typeError(path, "a whole number"));
            return null;
        }
        return v.intValue();
    }

    private static Boolean bool(JsonNode node, String name, String path, List<Violation> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            problems.add(typeError(path, "true or false"));
            return null;
        }
        return v.booleanValue();
    }

    private static Violation typeError(String path, String expected) {
        return PostingRule.WRONG_JSON_TYPE.violationOf(path, "must be " + expected);
    }
}
