package org.budgetledger.contract.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.budgetledger.contract.Json;

/**
 * Tamper evidence: a ledger's events form a hash chain. Each event's hash is SHA-256 over the previous event's hash,
 * its sequence number, its type and its canonical content (JSON with object keys sorted, no white space), so
 * changing, removing or reordering any stored event breaks every link from there on; the head after a year close is
 * a digest an auditor can keep outside the system.
 */
public final class EventChain {

    public static final String HASH = "hash";
    public static final String PREVIOUS = "previousHash";
    /** The "previous hash" of a ledger's first event. */
    public static final String GENESIS = EventEnvelope.GENESIS;

    private static final ObjectMapper MAPPER = Json.newMapper();

    private EventChain() {}

    public static String link(String previous, long sequence, Object event) {
        return link(previous, sequence, event.getClass().getSimpleName(), MAPPER.valueToTree(event));
    }

    public static String link(String previous, long sequence, String type, JsonNode content) {
        String material = previous + "|" + sequence + "|" + type + "|" + canonical(content);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The same JSON whatever the order its object fields were written in. */
    static String canonical(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}
