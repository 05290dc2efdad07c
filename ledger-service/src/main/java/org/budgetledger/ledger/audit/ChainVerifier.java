package org.budgetledger.ledger.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.ledger.relay.StoredEvents;
import org.springframework.stereotype.Component;

/**
 * Recomputes a ledger's hash chain from the event store as it is now, event by event, and reports the first link
 * that does not hold: content changed, an event removed or reordered, or a stored hash rewritten.
 */
@Component
public class ChainVerifier {

    /** Bounds the walk: far beyond any one unit's year. */
    static final long MAX_EVENTS = 50_000_000L;

    private final StoredEvents stored;
    private final ObjectMapper mapper = Json.newMapper();

    public ChainVerifier(StoredEvents stored) {
        this.stored = stored;
    }

    /** The first broken link: where, why, and the hashes that disagree. */
    public record Break(long sequence, String eventId, String reason, String expected, String found) {}

    /** Whether a kept digest still matches: the sequence of the event whose hash it is, if any. */
    public record DigestCheck(String digest, boolean matches, Long sequence) {}

    public record Verification(
            String ledger, long events, String head, boolean intact, Break firstBreak, DigestCheck digest) {}

    public Verification verify(String ledger, String digest) {
        String previous = EventChain.GENESIS;
        Long digestAt = null;
        long sequence = 0;
        for (var e : stored.history(ledger, MAX_EVENTS)) {
            sequence = e.sequence();
            JsonNode meta = parse(e.metaDataJson());
            String storedHash = text(meta, EventChain.HASH);
            String storedPrevious = text(meta, EventChain.PREVIOUS);
            if (storedHash == null) {
                return broken(
                        ledger,
                        sequence,
                        previous,
                        digest,
                        digestAt,
                        new Break(sequence, e.eventId(), "the event carries no hash", null, null));
            }
            if (!previous.equals(storedPrevious)) {
                return broken(
                        ledger,
                        sequence,
                        previous,
                        digest,
                        digestAt,
                        new Break(
                                sequence,
                                e.eventId(),
                                "its previous hash is not the hash of the event before it (an event was changed, removed or inserted before it)",
                                previous,
                                storedPrevious));
            }
            String recomputed = EventChain.link(previous, sequence, e.type(), parse(e.payloadJson()));
            if (!recomputed.equals(storedHash)) {
                return broken(
                        ledger,
                        sequence,
                        previous,
                        digest,
                        digestAt,
                        new Break(
                                sequence,
                                e.eventId(),
                                "its content does not match its hash (the stored event was altered)",
                                recomputed,
                                storedHash));
            }
            if (storedHash.equals(digest)) {
                digestAt = sequence;
            }
            previous = storedHash;
            sequence++;
        }
        return new Verification(ledger, sequence, previous, true, null, digestCheck(digest, digestAt));
    }

    private Verification broken(String ledger, long events, String head, String digest, Long digestAt, Break at) {
        return new Verification(ledger, events, head, false, at, digestCheck(digest, digestAt));
    }

    private static DigestCheck digestCheck(String digest, Long at) {
        return digest == null ? null : new DigestCheck(digest, at != null, at);
    }

    private JsonNode parse(String json) {
        if (json == null) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(json); // unreadable: hashed as text, so it cannot match
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
