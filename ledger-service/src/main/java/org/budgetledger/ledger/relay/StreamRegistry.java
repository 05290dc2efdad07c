package org.budgetledger.ledger.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event stream the ledger service writes (ledgers and catalogues) with how far it has been published to
 * ledger.events. A stream is registered before the command that creates it, so a crash can never leave events
 * of a stream the relay does not know; the cursor moves only after Kafka acknowledged, so a crash republishes
 * at most a few events (readers apply each (stream, sequence) once) and loses none.
 */
@Component
public class StreamRegistry {

    public static final long NONE = -1;
    private static final int MAX_STREAMS = 1_000_000;

    private final MongoCollection<Document> streams;

    public StreamRegistry(MongoDatabaseFactory databases) {
        this.streams = databases.getMongoDatabase().getCollection("streams");
    }

    public void register(String stream, String kind) {
        streams.updateOne(new Document("_id", stream),
                Updates.combine(Updates.setOnInsert("kind", kind), Updates.setOnInsert("published", NONE)),
                new UpdateOptions().upsert(true));
    }

    /**
     * Where a stream stands: the last sequence Kafka acknowledged, and the highest sequence some instance reported
     * writing (a hint: a crash may lose it, which the relay's periodic probe of the store makes up for).
     */
    public record Position(long published, long head) {
    }

    /** Every stream's position, in no particular order. */
    public Map<String, Position> positions() {
        Map<String, Position> positions = new LinkedHashMap<>();
        for (Document d : streams.find().batchSize(1000)) {
            if (positions.size() >= MAX_STREAMS) {
                throw new IllegalStateException("more than " + MAX_STREAMS + " streams: page the registry");
            }
            Number head = (Number) d.get("head");
            positions.put(d.getString("_id"), new Position(((Number) d.get("published")).longValue(),
                    head == null ? NONE : head.longValue()));
        }
        return positions;
    }

    /** Reports what this instance wrote, for the relay of another instance to find without probing. */
    public void hint(Map<String, Long> heads) {
        bulkMax("head", heads);
    }

    public List<String> streamsOfKind(String kind) {
        List<String> ids = new ArrayList<>();
        for (Document d : streams.find().batchSize(1000)) {
            if (kind.equals(d.getString("kind"))) {
                ids.add(d.getString("_id"));
            }
        }
        return ids;
    }

    /** Moves cursors forward only: a late write from an earlier relay can never move one back. */
    public void advance(Map<String, Long> published) {
        bulkMax("published", published);
    }

    private void bulkMax(String field, Map<String, Long> values) {
        if (values.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>(values.size());
        values.forEach((stream, seq) -> updates.add(new UpdateOneModel<>(Filters.eq("_id", stream),
                Updates.max(field, seq), new UpdateOptions().upsert(true))));
        streams.bulkWrite(updates);
    }
}
