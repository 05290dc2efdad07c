package org.budgetledger.ledger.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.kit.security.Role;
import org.budgetledger.ledger.web.ApiException;

/**
 * A key to issue: its role, its scope (a unit code, or "*" for the whole installation), the source systems a POSTER
 * may post as (none for other roles), and a label that says whose it is.
 */
public record KeyRequest(Role role, String scope, List<String> sourceSystems, String label) {

    static final int MAX_LABEL = 200;
    private static final String SOURCE_SYSTEM = "[A-Za-z0-9._:-]{1,64}";

    /** The request read from JSON, each fault named by its field (422); whether the scope's unit exists is apart. */
    static KeyRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("a key request must be a JSON object");
        }
        Role role = role(body.get("role"));
        String scope = text(body, "scope");
        if (scope == null) {
            throw invalid("scope", "scope is required: a unit code, or \"*\" for the whole installation");
        }
        List<String> sources = sourceSystems(body.get("sourceSystems"), role);
        String label = text(body, "label");
        if (label == null || label.length() > MAX_LABEL) {
            throw invalid("label", "label is required (who holds the key), at most " + MAX_LABEL + " characters");
        }
        return new KeyRequest(role, scope, sources, label);
    }

    private static Role role(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw invalid("role", "role is required: one of VIEWER, AUDITOR, POSTER, ADMIN");
        }
        try {
            return Role.valueOf(node.asText());
        } catch (IllegalArgumentException e) {
            throw invalid("role", "role " + node.asText() + " is not one of VIEWER, AUDITOR, POSTER, ADMIN");
        }
    }

    private static List<String> sourceSystems(JsonNode node, Role role) {
        List<String> found = new ArrayList<>();
        if (node != null && !node.isNull()) {
            if (!node.isArray() || node.size() > 100) {
                throw invalid("sourceSystems", "sourceSystems must be an array of at most 100 source system names");
            }
            for (JsonNode s : node) {
                if (!s.isTextual() || !(s.asText().matches(SOURCE_SYSTEM) || Caller.ANY_SOURCE.equals(s.asText()))) {
                    throw invalid("sourceSystems", "sourceSystems holds " + s + ", not a source system name");
                }
                found.add(s.asText());
            }
        }
        if (role == Role.POSTER && found.isEmpty()) {
            throw invalid("sourceSystems", "a POSTER key names the source systems it may post as");
        }
        if (role != Role.POSTER && !found.isEmpty()) {
            throw invalid("sourceSystems", "only a POSTER key posts: a " + role + " key has no source systems");
        }
        return List.copyOf(found);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || !node.isTextual() || node.asText().isBlank()
                ? null
                : node.asText().trim();
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.unprocessable("key.invalid", field, message);
    }
}
