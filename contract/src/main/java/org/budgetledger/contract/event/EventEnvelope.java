package org.budgetledger.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A record of the ledger.events topic: one event of one stream (a ledger "HT-CAC:2019", or a catalogue
 * "catalogue:functional:2019") with its gap-free sequence number in that stream (from 0). The record key is the
 * stream. A stream's events are published in sequence order; a reader applies each (stream, sequence) once.
 * A ledger's events carry their link of its hash chain ({@code hash}, {@code previousHash}); null elsewhere. The
 * payload is the event as stored, in the {@code revision} it was written in (absent: the first); a reader checks the
 * hash over it and then reads it as today's revision ({@link EventRevisions#upcast}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String stream,
        long sequence,
        String eventId,
        String type,
        Instant recordedAt,
        JsonNode payload,
        String hash,
        String previousHash,
        String revision) {

    /** The "previous hash" of a ledger's first event. */
    public static final String GENESIS = "0".repeat(64);

    /** The payload as today's revision reads it; {@link #payload()} is what the hash covers. */
    public JsonNode currentPayload() {
        return EventRevisions.upcast(type, revision, payload);
    }
}
