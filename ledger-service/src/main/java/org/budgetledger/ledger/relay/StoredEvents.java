package org.budgetledger.ledger.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads single events of a stream from Axon's event collection by their exact key (stream, sequence): the one
 * query the embedded store answers from an index (STACK.md), and the key that the unique index guards.
 */
@Component
public class StoredEvents {

    private final MongoCollection<Document> events;

    public StoredEvents(MongoDatabaseFactory databases) {
        MongoDatabase db = databases.getMongoDatabase();
        this.events = db.getCollection("domainevents");
    }

    /** An event as stored: its payload is the event's JSON as written by the event serializer. */
    public record StoredEvent(String stream, long sequence, String eventId, Instant recordedAt, String payloadType,
                              String payloadJson, String metaDataJson) {
        /** The simple name of the event's type ("ExpenditureRecorded"). */
        public String type() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }

    public boolean exists(String stream, long sequence) {
        Document key = new Document("aggregateIdentifier", stream).append("sequenceNumber", sequence);
        return events.find(key).projection(new Document("_id", 1)).limit(1).batchSize(1).first() != null;
    }

    public Optional<StoredEvent> read(String stream, long sequence) {
        // a plain document with exactly the unique index's fields: the embedded store uses the index only then
        Document key = new Document("aggregateIdentifier", stream).append("sequenceNumber", sequence);
        Document doc = events.find(key).limit(1).batchSize(1).first();
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredEvent(stream, sequence, doc.getString("eventIdentifier"),
                Instant.parse(doc.getString("timestamp")), doc.getString("payloadType"),
                String.valueOf(doc.get("serializedPayload")), doc.get("serializedMetaData") == null ? null : String.valueOf(doc.get("serializedMetaData"))));
    }
}
