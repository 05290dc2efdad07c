package org.budgetledger.projection.journal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.budgetledger.projection.storage.InsertsFirst;

/**
 * Where each posting is: sourceSystem + postingId → ledger and sequence, and the REVERSAL that reversed it if one
 * did. Written idempotently with the journal; read by exact key, so a posting's trail is found in one read.
 */
public class PostingIndex {

    private final MongoCollection<Document> index;

    public PostingIndex(MongoCollection<Document> index) {
        this.index = index;
    }

    public record Location(String ledger, long sequence, Reversal reversedBy) {}

    public record Reversal(String postingId, long sequence, String eventId) {}

    /**
     * Inserts each posting's location (the common case: a posting seen for the first time costs the store an insert,
     * not an upsert's lookup and update); one already there (written again, or by another writer) is set instead.
     */
    public void write(List<JournalEntry> entries) {
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (JournalEntry e : entries) {
            updates.add(new InsertOneModel<>(
                    new Document("_id", e.key()).append("ledger", e.ledger()).append("sequence", e.sequence())));
            if (e.isReversal()) {
                updates.add(new UpdateOneModel<>(
                        new Document(
                                "_id",
                                JournalEntry.keyOf(
                                        e.reversed().sourceSystem(),
                                        e.reversed().postingId())),
                        new Document(
                                "$set",
                                new Document(
                                        "reversedBy",
                                        new Document("postingId", e.posting().postingId())
                                                .append("sequence", e.sequence())
                                                .append("eventId", e.eventId()))),
                        new UpdateOptions().upsert(true)));
            }
        }
        InsertsFirst.write(
                index,
                updates,
                location -> new UpdateOneModel<>(
                        new Document("_id", location.get("_id")),
                        new Document(
                                "$set",
                                new Document("ledger", location.get("ledger"))
                                        .append("sequence", location.get("sequence"))),
                        new UpdateOptions().upsert(true)));
    }

    /** Deletes these postings' locations (keys as {@link JournalEntry#key()}): before their ledger is applied again. */
    public void forget(java.util.Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int i = 0; i < all.size(); i += 1_000) {
            index.deleteMany(new Document("_id", new Document("$in", all.subList(i, Math.min(all.size(), i + 1_000)))));
        }
    }

    public Optional<Location> find(String sourceSystem, String postingId) {
        Document d = index.find(new Document("_id", JournalEntry.keyOf(sourceSystem, postingId)))
                .limit(1)
                .first();
        if (d == null || d.getString("ledger") == null) {
            return Optional.empty();
        }
        Document r = d.get("reversedBy", Document.class);
        return Optional.of(new Location(
                d.getString("ledger"),
                ((Number) d.get("sequence")).longValue(),
                r == null
                        ? null
                        : new Reversal(
                                r.getString("postingId"),
                                ((Number) r.get("sequence")).longValue(),
                                r.getString("eventId"))));
    }
}
