package org.budgetledger.projection.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.budgetledger.projection.journal.Journal;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Which generation of the projections is live. Every instance reads the choice again at most once a second, so a
 * rebuild's switch reaches all of them at once (in a second), and queries never see a half-built generation.
 */
@Component
public class Stores {

    private static final Duration FRESH = Duration.ofSeconds(1);
    /** The journal's bucket size before it was recorded per generation. */
    static final int LEGACY_JOURNAL_BUCKET = 500;

    private final MongoDatabase db;
    private final MongoCollection<Document> meta;
    private final Map<Integer, ProjectionStore> generations = new ConcurrentHashMap<>();
    private volatile int active;
    private volatile long checkedAt;
    private volatile boolean known;

    public Stores(MongoDatabaseFactory databases) {
        this.db = databases.getMongoDatabase();
        this.meta = db.getCollection("projection_meta");
    }

    /** The live generation: what queries read and the event stream is applied to. */
    public ProjectionStore active() {
        return of(activeGeneration());
    }

    public ProjectionStore of(int generation) {
        return generations.computeIfAbsent(generation, g -> new ProjectionStore(db, g, journalBucket(g)));
    }

    /**
     * The journal's bucket size is fixed per generation, recorded beside it: a generation whose journal was written
     * before sizes were recorded keeps the old 500; a new one takes {@link Journal#BUCKET}. The first instance to
     * record it wins, and every instance reads what was recorded.
     */
    int journalBucket(int generation) {
        String id = "journal-layout-g" + generation;
        Document recorded = meta.find(new Document("_id", id)).limit(1).first();
        if (recorded == null) {
            boolean written = db.getCollection(ProjectionStore.name("journal", generation))
                            .find()
                            .limit(1)
                            .first()
                    != null;
            meta.updateOne(
                    new Document("_id", id),
                    new Document(
                            "$setOnInsert", new Document("bucket", written ? LEGACY_JOURNAL_BUCKET : Journal.BUCKET)),
                    new UpdateOptions().upsert(true));
            recorded = meta.find(new Document("_id", id)).limit(1).first();
        }
        return recorded.getInteger("bucket");
    }

    public int activeGeneration() {
        if (!known || System.nanoTime() - checkedAt > FRESH.toNanos()) {
            Document d = meta.find(new Document("_id", "generation")).limit(1).first();
            active = d == null ? 1 : d.getInteger("active", 1);
            checkedAt = System.nanoTime();
            known = true;
        }
        return active;
    }

    /** Makes a generation live, for every instance within a second. */
    public void activate(int generation) {
        meta.updateOne(
                new Document("_id", "generation"),
                new Document("$set", new Document("active", generation)),
                new UpdateOptions().upsert(true));
        known = false;
    }

    /** Drops a generation that is no longer live (after a rebuild replaced it). */
    public void drop(int generation) {
        if (generation == activeGeneration()) {
            throw new IllegalArgumentException("generation " + generation + " is live");
        }
        for (String collection : ProjectionStore.COLLECTIONS) {
            db.getCollection(ProjectionStore.name(collection, generation)).drop();
        }
        meta.deleteOne(new Document("_id", "journal-layout-g" + generation));
        generations.remove(generation);
    }

    /** The rebuild under way, if any, as recorded in the store (so a restarted instance resumes it). */
    public Optional<Document> rebuild() {
        return Optional.ofNullable(
                meta.find(new Document("_id", "rebuild")).limit(1).first());
    }

    public void saveRebuild(Document state) {
        meta.replaceOne(
                new Document("_id", "rebuild"),
                state.append("_id", "rebuild"),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    public void clearRebuild() {
        meta.deleteOne(new Document("_id", "rebuild"));
    }
}
