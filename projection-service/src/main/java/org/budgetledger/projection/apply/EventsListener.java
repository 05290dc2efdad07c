package org.budgetledger.projection.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.projection.quarantine.Quarantine;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes ledger.events. Offsets are committed after a poll's events are applied; since the figures carry their
 * own cursor per stream, a redelivered event is recognised and skipped, and several instances split the streams
 * by partition (the record key is the stream).
 */
@Component
public class EventsListener {

    private static final Logger log = LoggerFactory.getLogger(EventsListener.class);

    private final EventApplier applier;
    private final Stores stores;
    private final Quarantine quarantine;
    private final ObjectMapper mapper = Json.newMapper();

    public EventsListener(EventApplier applier, Stores stores, Quarantine quarantine) {
        this.applier = applier;
        this.stores = stores;
        this.quarantine = quarantine;
    }

    /**
     * A record counts only if it is what the ledger publishes (RecordCheck); any other is quarantined and skipped, so
     * it never stalls its partition, and the event at its place is read from the ledger's event store (a gap).
     */
    @KafkaListener(
            id = "events",
            idIsGroup = false,
            topics = "${projection.events-topic:ledger.events}",
            batch = "true",
            autoStartup = "${projection.consume:true}")
    public void onEvents(List<ConsumerRecord<String, String>> records) {
        List<EventEnvelope> batch = new ArrayList<>(records.size());
        Map<EventEnvelope, ConsumerRecord<String, String>> origins = new IdentityHashMap<>();
        Map<String, Long> places = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            EventEnvelope envelope;
            try {
                envelope = r.value() == null ? null : mapper.readValue(r.value(), EventEnvelope.class);
            } catch (JsonProcessingException e) {
                quarantine.hold(
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        r.key(),
                        null,
                        "unreadable",
                        e.getOriginalMessage(),
                        r.value());
                continue;
            }
            if (envelope == null) {
                quarantine.hold(
                        r.topic(), r.partition(), r.offset(), r.key(), null, "unreadable", "an empty record", null);
                continue;
            }
            Optional<RecordCheck.Refusal> refusal = RecordCheck.refusal(envelope);
            if (refusal.isPresent()) {
                quarantine.hold(
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        envelope.stream(),
                        envelope.sequence(),
                        refusal.get().reason(),
                        refusal.get().detail(),
                        r.value());
                if (envelope.stream() != null && RecordCheck.stream(envelope.stream())) {
                    places.merge(envelope.stream(), envelope.sequence(), Math::max);
                }
                continue;
            }
            batch.add(envelope);
            origins.put(envelope, r);
        }
        ProjectionStore store = stores.active();
        for (EventEnvelope stranger : applier.apply(store, batch)) {
            ConsumerRecord<String, String> r = origins.get(stranger);
            quarantine.hold(
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    stranger.stream(),
                    stranger.sequence(),
                    "not_in_event_store",
                    "the ledger's event store holds no event at this place (nor the ones before it that were missing)",
                    r.value());
        }
        // the place of each quarantined record, from the ledger's event store: a quiet ledger must not wait for it
        places.forEach((stream, sequence) -> applier.fill(store, stream, sequence));
        log.debug("applied {} events", batch.size());
    }
}
