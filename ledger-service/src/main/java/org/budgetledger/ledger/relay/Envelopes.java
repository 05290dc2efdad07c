package org.budgetledger.ledger.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.event.EventEnvelope;

/** Turns stored or just-committed events into the JSON records of ledger.events. */
final class Envelopes {

    private final ObjectMapper mapper = Json.newMapper();

    String fromMessage(DomainEventMessage<?> m) {
        return write(new EventEnvelope(m.getAggregateIdentifier(), m.getSequenceNumber(), m.getIdentifier(),
                m.getPayloadType().getSimpleName(), m.getTimestamp(), mapper.valueToTree(m.getPayload())));
    }

    String fromStored(StoredEvents.StoredEvent e) {
        return write(envelope(e));
    }

    EventEnvelope envelope(StoredEvents.StoredEvent e) {
        try {
            String type = e.payloadType().substring(e.payloadType().lastIndexOf('.') + 1);
            return new EventEnvelope(e.stream(), e.sequence(), e.eventId(), type, e.recordedAt(), mapper.readTree(e.payloadJson()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored event " + e.stream() + "/" + e.sequence() + " is not JSON", ex);
        }
    }

    private String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
