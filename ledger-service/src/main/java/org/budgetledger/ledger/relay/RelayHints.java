package org.budgetledger.ledger.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * What an instance wrote to streams that another instance publishes: one small document per such stream, with its
 * partition and the highest sequence written, until the publisher has published that far. The publisher reads only
 * its partitions' hints, a few times a second, so another instance's write leaves within a fraction of a second; a
 * hint lost in a crash is made up by the publisher's periodic probe of every stream it holds.
 */
@Component
public class RelayHints {

    private static final int MAX_HINTS_READ = 100_000;

    private final MongoCollection<Document> hints;

    public RelayHints(MongoDatabaseFactory databases) {
        this.hints = databases.getMongoDatabase().getCollection("relay_hints");
        // used by MongoDB; the embedded store scans, which the collection's size (unpublished streams only) allows
        hints.createIndex(Indexes.ascending("partition"));
    }

    /** Records that these streams (with their partitions) have events up to these sequences. */
    void hint(Map<String, Long> heads, StreamPartitions partitions) {
        if (heads.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>(heads.size());
        heads.forEach((stream, head) -> updates.add(new UpdateOneModel<>(
                Filters.eq("_id", stream),
                Updates.combine(Updates.max("head", head), Updates.set("partition", partitions.of(stream))),
                new UpdateOptions().upsert(true))));
        hints.bulkWrite(updates);
    }

    /**
     * Asks the stream's publisher, whichever instance it is, to publish again from {@code to + 1}: the store's history
     * no longer matches what was published after {@code to}.
     */
    public void rewind(String stream, long to) {
        hints.updateOne(Filters.eq("_id", stream), Updates.min("rewind", to), new UpdateOptions().upsert(true));
    }

    /** A stream's hint: the highest sequence written (−1 if none), and a rewind asked for (null if none). */
    record Hint(long head, Long rewind) {}

    /** The hints of the streams in these partitions, and every rewind asked for. */
    Map<String, Hint> of(Collection<Integer> partitions) {
        Map<String, Hint> found = new HashMap<>();
        for (Document d : hints.find(Filters.or(Filters.in("partition", partitions), Filters.exists("rewind")))
                .batchSize(1_000)
                .limit(MAX_HINTS_READ)) {
            Number head = (Number) d.get("head");
            Number rewind = (Number) d.get("rewind");
            found.put(
                    d.getString("_id"),
                    new Hint(head == null ? -1 : head.longValue(), rewind == null ? null : rewind.longValue()));
        }
        return found;
    }

    /** The rewind was carried out (one asked for again meanwhile stays). */
    void rewound(String stream, long to) {
        hints.updateOne(Filters.and(Filters.eq("_id", stream), Filters.eq("rewind", to)), Updates.unset("rewind"));
    }

    /** Drops the hints that these published positions cover (a hint raised meanwhile stays). */
    void covered(Map<String, Long> published) {
        if (published.isEmpty()) {
            return;
        }
        List<DeleteOneModel<Document>> deletes = new ArrayList<>(published.size());
        published.forEach((stream, position) -> deletes.add(new DeleteOneModel<>(Filters.and(
                Filters.eq("_id", stream),
                Filters.or(Filters.lte("head", position), Filters.exists("head", false)),
                Filters.exists("rewind", false)))));
        hints.bulkWrite(deletes);
    }
}
