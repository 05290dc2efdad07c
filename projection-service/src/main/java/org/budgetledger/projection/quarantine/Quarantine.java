package org.budgetledger.projection.quarantine;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.budgetledger.kit.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Records of ledger.events that were not applied because they are not what the ledger publishes: kept with their
 * reason where auditors read them ({@code GET /api/v1/quarantine}), counted ({@code projection.events.quarantined}),
 * logged. One document per record (topic, partition, offset), so a redelivery does not count twice.
 */
@Component
public class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);
    /** Enough of a record to see what it was; a quarantined record may be as large as Kafka allows. */
    static final int KEPT_CHARS = 16 * 1024;

    public static final int MAX_LISTED = 1_000;

    private final MongoCollection<Document> records;
    private final MeterRegistry meters;
    private final Clock clock;

    public Quarantine(MongoDatabaseFactory databases, MeterRegistry meters, Clock clock) {
        MongoDatabase db = databases.getMongoDatabase();
        this.records = db.getCollection("quarantined_events");
        this.meters = meters;
        this.clock = clock;
    }

    /** Where the record came from, what it said and why it does not count. */
    public record Entry(
            String id,
            String topic,
            int partition,
            long offset,
            String stream,
            Long sequence,
            String reason,
            String detail,
            String record,
            String at) {}

    public void hold(
            String topic,
            int partition,
            long offset,
            String stream,
            Long sequence,
            String reason,
            String detail,
            String value) {
        String id = topic + "/" + partition + "@" + offset;
        String kept = value == null ? null : value.length() > KEPT_CHARS ? value.substring(0, KEPT_CHARS) : value;
        Document doc = new Document("_id", id)
                .append("topic", topic)
                .append("partition", partition)
                .append("offset", offset)
                .append("stream", stream)
                .append("sequence", sequence)
                .append("reason", reason)
                .append("detail", detail)
                .append("record", kept)
                .append("at", clock.instant().toString());
        boolean first = records.replaceOne(new Document("_id", id), doc, new ReplaceOptions().upsert(true))
                        .getUpsertedId()
                != null;
        if (first) {
            Counter.builder("projection.events.quarantined")
                    .description("ledger.events records not applied: not what the ledger publishes")
                    .tag("reason", reason)
                    .register(meters)
                    .increment();
        }
        log.error(
                "QUARANTINED {} ({} {}): {}; not applied, the event at its place is read from the ledger's event store",
                id,
                LogSafe.of(stream),
                sequence,
                LogSafe.of(reason + ": " + detail));
    }

    /** The latest quarantined records, newest first. */
    public List<Entry> latest(int limit) {
        List<Entry> out = new ArrayList<>();
        for (Document d : records.find().sort(Sorts.descending("at")).limit(Math.max(1, Math.min(limit, MAX_LISTED)))) {
            Number sequence = (Number) d.get("sequence");
            out.add(new Entry(
                    d.getString("_id"),
                    d.getString("topic"),
                    d.getInteger("partition"),
                    ((Number) d.get("offset")).longValue(),
                    d.getString("stream"),
                    sequence == null ? null : sequence.longValue(),
                    d.getString("reason"),
                    d.getString("detail"),
                    d.getString("record"),
                    d.getString("at")));
        }
        return out;
    }

    public long count() {
        return records.countDocuments();
    }
}
