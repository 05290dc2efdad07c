package org.budgetledger.projection.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.event.CatalogueRevised;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.LedgerEvents;

/**
 * What a record of ledger.events must be before it may count: an event of a known type whose content reads, and for
 * a ledger's stream the link of its hash chain, recomputed here ({@code SHA-256(previous hash, sequence, type,
 * content)}, as {@code GET /verify} does). Anyone who can write to the topic could otherwise put figures in the
 * disclosure; such a record is quarantined and the event at its place is read from the ledger's event store.
 * (The chain is evidence, not a signature: a writer who recomputes the hash passes here, which is why only the
 * ledger's principal may write the topic.)
 */
final class RecordCheck {

    private static final ObjectMapper MAPPER = Json.newMapper();

    /** Why a record is refused. */
    record Refusal(String reason, String detail) {}

    private RecordCheck() {}

    static boolean catalogue(String stream) {
        return stream.startsWith("catalogue:");
    }

    /** A stream the ledger publishes: a ledger id, or a year's catalogue of a known kind (also what log lines show). */
    static boolean stream(String stream) {
        try {
            if (catalogue(stream)) {
                String[] parts = stream.split(":", -1);
                return parts.length == 3
                        && CatalogueKind.fromPath(parts[1]).stream(Integer.parseInt(parts[2]))
                                .equals(stream);
            }
            return LedgerId.parse(stream).toString().equals(stream);
        } catch (RuntimeException notAStream) {
            return false;
        }
    }

    static Optional<Refusal> refusal(EventEnvelope e) {
        if (e.stream() == null
                || e.sequence() < 0
                || e.type() == null
                || e.payload() == null
                || e.recordedAt() == null) {
            return Optional.of(
                    new Refusal("incomplete", "stream, sequence, type, payload and recordedAt are required"));
        }
        if (!stream(e.stream())) {
            return Optional.of(
                    new Refusal("unknown_stream", "not a ledger (UNIT:YEAR) nor a catalogue (catalogue:KIND:YEAR)"));
        }
        Optional<Class<? extends LedgerEvent>> type = LedgerEvents.byName(e.type());
        if (type.isEmpty()) {
            return Optional.of(new Refusal("unknown_type", "no event type " + e.type()));
        }
        if (catalogue(e.stream()) != (type.get() == CatalogueRevised.class)) {
            return Optional.of(new Refusal(
                    "type.not_of_stream",
                    e.type() + " is not an event of a " + (catalogue(e.stream()) ? "catalogue" : "ledger")));
        }
        try {
            MAPPER.treeToValue(e.currentPayload(), type.get());
        } catch (Exception unreadable) {
            return Optional.of(new Refusal("unreadable_payload", e.type() + ": " + unreadable.getMessage()));
        }
        if (catalogue(e.stream())) {
            return Optional.empty();
        }
        if (e.hash() == null || e.previousHash() == null) {
            return Optional.of(
                    new Refusal("hash.missing", "an event of a ledger carries its hash and the previous one"));
        }
        String recomputed = EventChain.link(e.previousHash(), e.sequence(), e.type(), e.payload());
        if (!recomputed.equals(e.hash())) {
            return Optional.of(new Refusal(
                    "hash.mismatch",
                    "the content hashes to " + ChainCheck.abbreviated(recomputed) + ", the record says "
                            + ChainCheck.abbreviated(e.hash())));
        }
        return Optional.empty();
    }
}
