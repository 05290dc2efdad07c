package org.budgetledger.ledger.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.EventRevisions;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Reads single events of a stream from Axon's event collection by their exact key (stream, sequence): the one
 * query the embedded store answers from an index (docs/STACK.md#exact-key-reads), and the key that the unique index guards.
 */
@Component
public class StoredEvents {

    /** Reads of one range in flight at once: enough to hide the round trips, few enough for a 2-core store. */
    private static final int RANGE_CHUNK = 64;

    private static final int READERS = 4;
    private static final int HISTORY_PAGE = 1_000;

    private static final ObjectMapper JSON = Json.newMapper();

    private final MongoCollection<Document> events;
    private final ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
        Thread t = new Thread(r, "stored-events-reader");
        t.setDaemon(true);
        return t;
    });

    public StoredEvents(MongoDatabaseFactory databases) {
        MongoDatabase db = databases.getMongoDatabase();
        this.events = db.getCollection("domainevents");
    }

    /** An event as stored: its payload is the event's JSON as written by the event serializer. */
    public record StoredEvent(
            String stream,
            long sequence,
            String eventId,
            Instant recordedAt,
            String payloadType,
            String payloadJson,
            String metaDataJson,
            String payloadRevision) {
        /** The payload as today's revision reads it (EventRevisions); the stored one is what the hash covers. */
        public String currentPayloadJson() {
            if (EventRevisions.CURRENT.equals(payloadRevision)) {
                return payloadJson;
            }
            try {
                return JSON.writeValueAsString(
                        EventRevisions.upcast(type(), payloadRevision, JSON.readTree(payloadJson)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored event " + stream + "/" + sequence + " is not JSON", e);
            }
        }

        /** The simple name of the event's type ("ExpenditureRecorded"). */
        public String type() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }

    /**
     * A stream's events from {@code from} on, in order, at most {@code limit}, ending before the first one missing.
     * Each is an exact-key read (the only indexed query the embedded store has); a few run at once, since a reader of
     * a long stream otherwise waits one round trip per event.
     */
    public List<StoredEvent> readRange(String stream, long from, int limit) {
        List<StoredEvent> range = new ArrayList<>(Math.min(limit, RANGE_CHUNK));
        for (long chunk = from; chunk < from + limit; chunk += RANGE_CHUNK) {
            int size = (int) Math.min(RANGE_CHUNK, from + limit - chunk);
            List<CompletableFuture<Optional<StoredEvent>>> reads = new ArrayList<>(size);
            for (long seq = chunk; seq < chunk + size; seq++) {
                long sequence = seq;
                reads.add(CompletableFuture.supplyAsync(() -> read(stream, sequence), readers));
            }
            for (CompletableFuture<Optional<StoredEvent>> read : reads) {
                Optional<StoredEvent> event = read.join();
                if (event.isEmpty()) {
                    return range;
                }
                range.add(event.get());
            }
        }
        return range;
    }

    /** A stream's whole history from sequence 0, at most {@code max} events, read a range at a time as it is iterated. */
    public Iterable<StoredEvent> history(String stream, long max) {
        return history(stream, 0, max);
    }

    /** A stream's events from {@code from} on, in order, at most {@code max}, ending before the first one missing. */
    public Iterable<StoredEvent> history(String stream, long from, long max) {
        return () -> new Iterator<>() {
            private List<StoredEvent> page = List.of();
            private int index;
            private long next = from;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                if (ended || next - from >= max) {
                    return false;
                }
                int limit = (int) Math.min(HISTORY_PAGE, max - (next - from));
                page = readRange(stream, next, limit);
                index = 0;
                next += page.size();
                ended = page.size() < limit;
                return !page.isEmpty();
            }

            @Override
            public StoredEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(index++);
            }
        };
    }

    public boolean exists(String stream, long sequence) {
        Document key = new Document("aggregateIdentifier", stream).append("sequenceNumber", sequence);
        return events.find(key)
                        .projection(new Document("_id", 1))
                        .limit(1)
                        .batchSize(1)
                        .first()
                != null;
    }

    /** The hash the chain gives the stream's event at this sequence, if the store holds that event. */
    public Optional<String> hashAt(String stream, long sequence) {
        Document key = new Document("aggregateIdentifier", stream).append("sequenceNumber", sequence);
        Document doc = events.find(key)
                .projection(new Document("serializedMetaData", 1))
                .limit(1)
                .batchSize(1)
                .first();
        if (doc == null) {
            return Optional.empty();
        }
        Object meta = doc.get("serializedMetaData");
        try {
            JsonNode hash =
                    meta == null ? null : JSON.readTree(String.valueOf(meta)).get(EventChain.HASH);
            return Optional.of(hash == null || hash.isNull() ? "" : hash.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + stream + "/" + sequence + " has unreadable metadata", e);
        }
    }

    /**
     * The last sequence the store holds at or before {@code atMost} (−1 for none), found by exact-key reads in a
     * binary search: a stream's history has no gaps, so what the store holds of it is a prefix.
     */
    public long lastAtOrBefore(String stream, long atMost) {
        long low = -1; // held (or before the first)
        long high = atMost + 1; // not held, or past what is asked
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (exists(stream, middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    public Optional<StoredEvent> read(String stream, long sequence) {
        // a plain document with exactly the unique index's fields: the embedded store uses the index only then
        Document key = new Document("aggregateIdentifier", stream).append("sequenceNumber", sequence);
        Document doc = events.find(key).limit(1).batchSize(1).first();
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredEvent(
                stream,
                sequence,
                doc.getString("eventIdentifier"),
                Instant.parse(doc.getString("timestamp")),
                doc.getString("payloadType"),
                String.valueOf(doc.get("serializedPayload")),
                doc.get("serializedMetaData") == null ? null : String.valueOf(doc.get("serializedMetaData")),
                doc.getString("payloadRevision")));
    }
}
