package org.budgetledger.projection.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.budgetledger.contract.Json;
import org.budgetledger.projection.store.EpochNanos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Every ledger's postings in sequence order, in buckets of consecutive sequence numbers: one document per bucket,
 * read by exact key (the embedded store's only indexed reads: one {@code _id}, or an {@code $in} of them) and written
 * idempotently (an entry is set under its sequence number, so writing it twice changes nothing).
 *
 * <p>A bucket's size is fixed per generation (recorded beside it by {@code Stores}): every write of a small run rewrites its whole
 * bucket in the embedded store (it copies and re-encodes the document to apply an update), so small buckets keep
 * single postings cheap, while reads fetch {@value #BUCKETS_PER_READ} buckets per round trip.
 */
public class Journal {

    /** The bucket size of generations created from now on; 500 before (measured: docs/PERFORMANCE.md). */
    public static final int BUCKET = 50;
    /** Buckets fetched per round trip when a ledger's journal is read in order. */
    static final int BUCKETS_PER_READ = 40;
    private static final int MAX_BUCKETS = 1_000_000;

    private final MongoCollection<Document> buckets;
    private final int bucketSize;
    private final ObjectMapper mapper = Json.newMapper();

    public Journal(MongoCollection<Document> buckets, int bucketSize) {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("bucket size " + bucketSize);
        }
        this.buckets = buckets;
        this.bucketSize = bucketSize;
    }

    public int bucketSize() {
        return bucketSize;
    }

    public void write(List<JournalEntry> entries) {
        Map<String, Document> sets = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            sets.computeIfAbsent(bucketId(e.ledger(), e.sequence() / bucketSize), id -> new Document())
                    .append("entries." + e.sequence(), json(e))
                    .append("at." + e.sequence(), EpochNanos.of(e.recordedAt()));
        }
        if (sets.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        sets.forEach((id, set) -> updates.add(new UpdateOneModel<>(new Document("_id", id), new Document("$set", set),
                new UpdateOptions().upsert(true))));
        buckets.bulkWrite(updates);
    }

    /** The ledger's entries in sequence order, up to (and including) sequence {@code upTo}. */
    public void read(String ledger, long upTo, Consumer<JournalEntry> each) {
        read(ledger, 0, upTo, null, each);
    }

    /**
     * The ledger's entries from sequence {@code from} to {@code upTo} in sequence order; with {@code recordedBy}, only
     * those recorded by then (a bucket keeps each entry's recording time beside it, so the others are not even parsed).
     */
    public void read(String ledger, long from, long upTo, Instant recordedBy, Consumer<JournalEntry> each) {
        long last = Math.min(upTo / bucketSize, MAX_BUCKETS - 1);
        Long byNanos = recordedBy == null ? null : EpochNanos.of(recordedBy);
        for (long first = Math.max(0, from) / bucketSize; first <= last; first += BUCKETS_PER_READ) {
            List<String> ids = new ArrayList<>();
            for (long bucket = first; bucket <= Math.min(last, first + BUCKETS_PER_READ - 1); bucket++) {
                ids.add(bucketId(ledger, bucket));
            }
            Map<Long, JournalEntry> ordered = new TreeMap<>();
            // a bucket of profile or narrative events only does not exist: $in skips it
            for (Document doc : buckets.find(new Document("_id", new Document("$in", ids)))) {
                Document at = doc.get("at", Document.class);
                doc.get("entries", Document.class).forEach((seq, value) -> {
                    long sequence = Long.parseLong(seq);
                    Object recorded = at == null ? null : at.get(seq);
                    boolean late = byNanos != null && recorded instanceof Number n && n.longValue() > byNanos;
                    if (sequence >= from && sequence <= upTo && !late) {
                        JournalEntry entry = parse((String) value);
                        if (recordedBy == null || !entry.recordedAt().isAfter(recordedBy)) { // a bucket written without times
                            ordered.put(sequence, entry);
                        }
                    }
                });
            }
            ordered.values().forEach(each);
        }
    }

    /** One entry by its sequence number: one read of its bucket. */
    public Optional<JournalEntry> entry(String ledger, long sequence) {
        Document doc = buckets.find(new Document("_id", bucketId(ledger, sequence / bucketSize))).limit(1).first();
        if (doc == null) {
            return Optional.empty();
        }
        Object value = doc.get("entries", Document.class).get(String.valueOf(sequence));
        return value == null ? Optional.empty() : Optional.of(parse((String) value));
    }

    public List<JournalEntry> all(String ledger, long upTo) {
        List<JournalEntry> all = new ArrayList<>();
        read(ledger, upTo, all::add);
        return all;
    }

    private static String bucketId(String ledger, long bucket) {
        return ledger + "#" + bucket;
    }

    private String json(JournalEntry e) {
        try {
            return mapper.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private JournalEntry parse(String text) {
        try {
            return mapper.readValue(text, JournalEntry.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("unreadable journal entry " + text, ex);
        }
    }
}
