package org.budgetledger.ledger.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

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
        streams.updateOne(
                new Document("_id", stream),
                Updates.combine(Updates.setOnInsert("kind", kind), Updates.setOnInsert("published", NONE)),
                new UpdateOptions().upsert(true));
    }

    /** Where a stream stands: the last sequence Kafka committed. */
    public record Position(long published) {}

    /** Every stream's position, in no particular order. */
    public Map<String, Position> positions() {
        Map<String, Position> positions = new LinkedHashMap<>();
        for (Document d : streams.find().batchSize(1000)) {
            if (positions.size() >= MAX_STREAMS) {
                throw new IllegalStateException("more than " + MAX_STREAMS + " streams: page the registry");
            }
            positions.put(d.getString("_id"), new Position(((Number) d.get("published")).longValue()));
        }
        return positions;
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

    /**
     * Moves a cursor back to where the store's history still matches what was published: after the store was found
     * to have lost or changed events (HistoryGuard). Only ever back.
     */
    public void rewind(String stream, long to) {
        streams.updateOne(
                Filters.and(Filters.eq("_id", stream), Filters.gt("published", to)), Updates.set("published", to));
    }

    /** Moves cursors forward only: a late write from an earlier publisher can never move one back. */
    public void advance(Map<String, Long> published) {
        if (published.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>(published.size());
        published.forEach((stream, seq) -> updates.add(new UpdateOneModel<>(
                Filters.eq("_id", stream), Updates.max("published", seq), new UpdateOptions().upsert(true))));
        streams.bulkWrite(updates);
    }
}
