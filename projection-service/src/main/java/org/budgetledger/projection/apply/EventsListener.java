package org.budgetledger.projection.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.projection.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

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
    private final ObjectMapper mapper = Json.newMapper();

    public EventsListener(EventApplier applier, Stores stores) {
        this.applier = applier;
        this.stores = stores;
    }

    @KafkaListener(id = "events", idIsGroup = false, topics = "${projection.events-topic:ledger.events}", batch = "true",
            autoStartup = "${projection.consume:true}")
    public void onEvents(List<ConsumerRecord<String, String>> records) {
        List<EventEnvelope> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> r : records) {
            try {
                batch.add(mapper.readValue(r.value(), EventEnvelope.class));
            } catch (JsonProcessingException e) {
                // the relay writes every record; an unreadable one is a bug to see, not a posting to lose silently
                throw new IllegalStateException("unreadable record " + r.topic() + "/" + r.partition() + "@" + r.offset(), e);
            }
        }
        applier.apply(stores.active(), batch);
        log.debug("applied {} events", batch.size());
    }
}
