package org.budgetledger.ledger.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.EventRevisions;

/** Turns stored or just-committed events into the JSON records of ledger.events. */
public final class Envelopes {

    private final ObjectMapper mapper = Json.newMapper();

    /** The payload is written straight from the event (a POJONode), not first copied into a tree: same JSON, less work. */
    String fromMessage(DomainEventMessage<?> m) {
        return write(new EventEnvelope(
                m.getAggregateIdentifier(),
                m.getSequenceNumber(),
                m.getIdentifier(),
                m.getPayloadType().getSimpleName(),
                // as the event store keeps it (Axon writes milliseconds): a reader of the store sees the same instant
                m.getTimestamp().truncatedTo(ChronoUnit.MILLIS),
                new POJONode(m.getPayload()),
                (String) m.getMetaData().get(EventChain.HASH),
                (String) m.getMetaData().get(EventChain.PREVIOUS),
                EventRevisions.CURRENT)); // just written, so in today's revision
    }

    String fromStored(StoredEvents.StoredEvent e) {
        return write(envelope(e));
    }

    public EventEnvelope envelope(StoredEvents.StoredEvent e) {
        try {
            JsonNode meta = e.metaDataJson() == null ? mapper.createObjectNode() : mapper.readTree(e.metaDataJson());
            return new EventEnvelope(
                    e.stream(),
                    e.sequence(),
                    e.eventId(),
                    e.type(),
                    e.recordedAt(),
                    mapper.readTree(e.payloadJson()),
                    text(meta, EventChain.HASH),
                    text(meta, EventChain.PREVIOUS),
                    e.payloadRevision());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored event " + e.stream() + "/" + e.sequence() + " is not JSON", ex);
        }
    }

    private static String text(JsonNode meta, String field) {
        JsonNode value = meta.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
