package org.budgetledger.ledger.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        heads.forEach((stream, head) -> updates.add(new UpdateOneModel<>(Filters.eq("_id", stream),
                Updates.combine(Updates.max("head", head), Updates.set("partition", partitions.of(stream))),
                new UpdateOptions().upsert(true))));
        hints.bulkWrite(updates);
    }

    /** The hinted heads of the streams in these partitions. */
    Map<String, Long> of(Collection<Integer> partitions) {
        Map<String, Long> heads = new HashMap<>();
        if (partitions.isEmpty()) {
            return heads;
        }
        for (Document d : hints.find(Filters.in("partition", partitions)).batchSize(1_000).limit(MAX_HINTS_READ)) {
            heads.put(d.getString("_id"), ((Number) d.get("head")).longValue());
        }
        return heads;
    }

    /** Drops the hints that these published positions cover (a hint raised meanwhile stays). */
    void covered(Map<String, Long> published) {
        if (published.isEmpty()) {
            return;
        }
        List<DeleteOneModel<Document>> deletes = new ArrayList<>(published.size());
        published.forEach((stream, position) ->
                deletes.add(new DeleteOneModel<>(Filters.and(Filters.eq("_id", stream), Filters.lte("head", position)))));
        hints.bulkWrite(deletes);
    }
}
