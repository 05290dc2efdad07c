package org.budgetledger.projection.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The publications a ledger's history records (PublicationRecorded), as the query side applied them: one document per
 * ledger, read by exact key. Rebuilt with everything else from the events, so a rebuild keeps every publication.
 */
public class Publications {

    /** More than one a day for a year would not be publications; a bound, and a loud one. */
    public static final int MAX_PER_LEDGER = 1_000;

    private final MongoCollection<Document> docs;

    public Publications(MongoCollection<Document> docs) {
        this.docs = docs;
    }

    /**
     * One publication of the disclosure of {@code ledger}'s unit.
     *
     * @param sequence  the event's sequence in the unit's ledger
     * @param positions per member ledger, how many of its events the published cells include
     */
    public record Publication(
            String id,
            String ledger,
            long sequence,
            Instant publishedAt,
            Map<String, Long> positions,
            String digest,
            int cellCount,
            String note) {}

    /** Idempotent: applying the same event again leaves one entry. */
    public void record(Publication p) {
        List<Document> members = new ArrayList<>();
        p.positions().forEach((ledger, n) -> members.add(new Document("ledger", ledger).append("position", n)));
        Document entry = new Document("id", p.id())
                .append("sequence", p.sequence())
                .append("publishedAt", p.publishedAt().toString())
                .append("positions", members)
                .append("digest", p.digest())
                .append("cellCount", p.cellCount())
                .append("note", p.note());
        docs.updateOne(
                new Document("_id", p.ledger()),
                new Document("$addToSet", new Document("publications", entry)),
                new UpdateOptions().upsert(true));
    }

    /** The ledger's publications, oldest first. */
    public List<Publication> of(String ledger) {
        Document doc = docs.find(new Document("_id", ledger)).limit(1).first();
        if (doc == null) {
            return List.of();
        }
        List<Document> entries = doc.getList("publications", Document.class, List.of());
        if (entries.size() > MAX_PER_LEDGER) {
            throw new IllegalStateException(
                    ledger + " holds " + entries.size() + " publications, more than " + MAX_PER_LEDGER);
        }
        return entries.stream()
                .map(e -> decode(ledger, e))
                .sorted(Comparator.comparingLong(Publication::sequence))
                .toList();
    }

    public Optional<Publication> find(String ledger, String id) {
        return of(ledger).stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Before the ledger is applied again from its start: its events record them again. */
    public void forget(String ledger) {
        docs.deleteOne(new Document("_id", ledger));
    }

    private static Publication decode(String ledger, Document e) {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (Document m : e.getList("positions", Document.class, List.of())) {
            positions.put(m.getString("ledger"), ((Number) m.get("position")).longValue());
        }
        return new Publication(
                e.getString("id"),
                ledger,
                ((Number) e.get("sequence")).longValue(),
                Instant.parse(e.getString("publishedAt")),
                positions,
                e.getString("digest"),
                ((Number) e.get("cellCount")).intValue(),
                e.getString("note"));
    }
}
