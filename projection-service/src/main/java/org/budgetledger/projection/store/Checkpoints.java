package org.budgetledger.projection.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.budgetledger.projection.storage.EpochNanos;

/**
 * A ledger's figures as they stood after every {@value #EVERY}th event or so, so that an as-of answer starts from a
 * checkpoint and replays only the journal after it, not the whole ledger. A checkpoint holds the figures after event
 * {@code applied} and the latest recording time among the events they include ({@code upTo}): it serves every instant
 * at or after {@code upTo}, because every event it includes was recorded by then; events after it are replayed and
 * filtered by their own recording time, whatever their order. Read by exact key only: a ledger's index of its
 * checkpoints, then the one chosen.
 */
public class Checkpoints {

    public static final int EVERY = 1_000;
    private static final int MAX_POINTS = 100_000;

    private final MongoCollection<Document> docs;

    public Checkpoints(MongoCollection<Document> docs) {
        this.docs = docs;
    }

    public record Checkpoint(long applied, Instant upTo, Map<String, Long> cells) {}

    /** Whether a run that took the ledger from event {@code from} to event {@code to} passed a checkpoint's place. */
    public static boolean due(long from, long to) {
        return Math.floorDiv(to + 1, EVERY) > Math.floorDiv(from + 1, EVERY);
    }

    /** Idempotent: the same (ledger, applied) always holds the same figures. The index names it only once it exists. */
    public void record(String ledger, long applied, Instant upTo, Map<String, Long> cells) {
        Document encoded = new Document();
        cells.forEach((k, v) -> encoded.append(LedgerRecords.encode(k), v));
        docs.replaceOne(
                new Document("_id", ledger + "@" + applied),
                new Document("ledger", ledger)
                        .append("applied", applied)
                        .append("upTo", EpochNanos.of(upTo))
                        .append("cells", encoded),
                new ReplaceOptions().upsert(true));
        docs.updateOne(
                new Document("_id", ledger + "#index"),
                new Document(
                        "$addToSet",
                        new Document("points", new Document("applied", applied).append("upTo", EpochNanos.of(upTo)))),
                new UpdateOptions().upsert(true));
    }

    /** Deletes the ledger's checkpoints and their index: before the ledger is applied again from its start. */
    public void forget(String ledger) {
        Document index =
                docs.find(new Document("_id", ledger + "#index")).limit(1).first();
        if (index != null) {
            for (Document p : index.getList("points", Document.class, List.of())) {
                docs.deleteOne(new Document("_id", ledger + "@" + p.get("applied")));
            }
        }
        docs.deleteOne(new Document("_id", ledger + "#index"));
    }

    /** The latest checkpoint whose events were all recorded by {@code asOf}, at most at event {@code applied}. */
    public Optional<Checkpoint> before(String ledger, Instant asOf, long applied) {
        Document index =
                docs.find(new Document("_id", ledger + "#index")).limit(1).first();
        if (index == null) {
            return Optional.empty();
        }
        List<Document> points = index.getList("points", Document.class, List.of());
        Document best = null;
        for (Document p : points.subList(0, Math.min(points.size(), MAX_POINTS))) {
            long at = ((Number) p.get("applied")).longValue();
            if (at <= applied
                    && ((Number) p.get("upTo")).longValue() <= EpochNanos.of(asOf)
                    && (best == null || at > ((Number) best.get("applied")).longValue())) {
                best = p;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Document doc = docs.find(new Document("_id", ledger + "@" + best.get("applied")))
                .limit(1)
                .first();
        if (doc == null) {
            return Optional.empty();
        }
        Map<String, Long> cells = new HashMap<>();
        doc.get("cells", Document.class)
                .forEach((k, v) -> cells.put(LedgerRecords.decode(k), ((Number) v).longValue()));
        return Optional.of(new Checkpoint(
                ((Number) doc.get("applied")).longValue(),
                EpochNanos.instant(((Number) doc.get("upTo")).longValue()),
                cells));
    }
}
