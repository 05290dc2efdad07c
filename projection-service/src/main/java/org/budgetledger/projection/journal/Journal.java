package org.budgetledger.projection.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.Document;
import org.budgetledger.contract.Json;
import org.budgetledger.projection.storage.EpochNanos;
import org.budgetledger.projection.storage.InsertsFirst;

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

    /**
     * Writes a run: its postings' entries, and the chain hash of every event of it (postings or not), by sequence, so
     * that an event delivered again can be compared with the one applied at its place. A bucket the run enters from its
     * first slot or from the bucket before is new, unless another writer was first: it is inserted whole, and only if
     * that finds it written already are its entries set one by one. One path per entry made the embedded store check
     * every pair of paths of an update (its hottest code under load), and an insert never overwrites anything.
     */
    public void write(String ledger, List<JournalEntry> entries, Map<Long, String> hashes) {
        Map<String, Bucket> touched = new LinkedHashMap<>();
        TreeMap<Long, String> run = new TreeMap<>(hashes);
        entries.forEach(e -> run.putIfAbsent(e.sequence(), null));
        run.forEach((sequence, hash) -> bucket(touched, ledger, sequence).hash(String.valueOf(sequence), hash));
        for (JournalEntry e : entries) {
            bucket(touched, ledger, e.sequence())
                    .add(String.valueOf(e.sequence()), json(e), EpochNanos.of(e.recordedAt()));
        }
        if (touched.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        touched.values().forEach(b -> writes.add(b.fresh() ? new InsertOneModel<>(b.whole()) : b.entryByEntry()));
        InsertsFirst.write(
                buckets, writes, whole -> touched.get(whole.getString("_id")).entryByEntry());
    }

    private Bucket bucket(Map<String, Bucket> touched, String ledger, long sequence) {
        return touched.computeIfAbsent(
                bucketId(ledger, sequence / bucketSize),
                id -> new Bucket(id, !touched.isEmpty() || sequence % bucketSize == 0));
    }

    /** One bucket's part of a run, and whether the run should find it new. */
    private record Bucket(String id, boolean fresh, Document entries, Document at, Document hashes) {
        Bucket(String id, boolean fresh) {
            this(id, fresh, new Document(), new Document(), new Document());
        }

        void add(String sequence, String json, long recordedAtNanos) {
            entries.append(sequence, json);
            at.append(sequence, recordedAtNanos);
        }

        void hash(String sequence, String hash) {
            if (hash != null) {
                hashes.append(sequence, hash);
            }
        }

        Document whole() {
            return new Document("_id", id)
                    .append("entries", entries)
                    .append("at", at)
                    .append("hashes", hashes);
        }

        /**
         * Sets the run's entries and hashes one by one into a bucket written before; where the run has an event but no
         * posting, an entry left over from a history that differed (applied again after a divergence) is unset.
         */
        UpdateOneModel<Document> entryByEntry() {
            Document set = new Document();
            Document unset = new Document();
            entries.forEach((sequence, json) ->
                    set.append("entries." + sequence, json).append("at." + sequence, at.get(sequence)));
            hashes.forEach((sequence, hash) -> {
                set.append("hashes." + sequence, hash);
                if (!entries.containsKey(sequence)) {
                    unset.append("entries." + sequence, "").append("at." + sequence, "");
                }
            });
            Document update = new Document("$set", set);
            if (!unset.isEmpty()) {
                update.append("$unset", unset);
            }
            return new UpdateOneModel<>(new Document("_id", id), update, new UpdateOptions().upsert(true));
        }
    }

    /**
     * The chain hashes applied at these sequences of the ledger, as far as recorded (a journal written before hashes
     * were kept has none): one read of the buckets they fall in.
     */
    public Map<Long, String> hashes(String ledger, java.util.Collection<Long> sequences) {
        Map<Long, String> found = new TreeMap<>();
        List<String> ids = sequences.stream()
                .map(s -> bucketId(ledger, s / bucketSize))
                .distinct()
                .toList();
        for (Document doc :
                buckets.find(new Document("_id", new Document("$in", ids))).projection(new Document("hashes", 1))) {
            Document hashes = doc.get("hashes", Document.class);
            if (hashes != null) {
                sequences.forEach(s -> {
                    Object h = hashes.get(String.valueOf(s));
                    if (h != null) {
                        found.put(s, (String) h);
                    }
                });
            }
        }
        return found;
    }

    /** Deletes the ledger's buckets up to sequence {@code upTo}: before the ledger is applied again from its start. */
    public void forget(String ledger, long upTo) {
        long last = Math.min(upTo / bucketSize, MAX_BUCKETS - 1);
        for (long first = 0; first <= last; first += 1_000) {
            List<String> ids = new ArrayList<>();
            for (long bucket = first; bucket <= Math.min(last, first + 999); bucket++) {
                ids.add(bucketId(ledger, bucket));
            }
            buckets.deleteMany(new Document("_id", new Document("$in", ids)));
        }
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
            for (Document doc : buckets.find(new Document("_id", new Document("$in", ids)))) {
                Document at = doc.get("at", Document.class);
                Document entries = doc.get("entries", Document.class);
                if (entries == null) {
                    continue; // only hashes: the bucket holds no posting
                }
                entries.forEach((seq, value) -> {
                    long sequence = Long.parseLong(seq);
                    Object recorded = at == null ? null : at.get(seq);
                    boolean late = byNanos != null && recorded instanceof Number n && n.longValue() > byNanos;
                    if (sequence >= from && sequence <= upTo && !late) {
                        JournalEntry entry = parse((String) value);
                        if (recordedBy == null
                                || !entry.recordedAt().isAfter(recordedBy)) { // a bucket written without times
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
        Document doc = buckets.find(new Document("_id", bucketId(ledger, sequence / bucketSize)))
                .limit(1)
                .first();
        if (doc == null) {
            return Optional.empty();
        }
        Document entries = doc.get("entries", Document.class);
        Object value = entries == null ? null : entries.get(String.valueOf(sequence));
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
