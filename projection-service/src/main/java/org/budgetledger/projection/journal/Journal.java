package org.budgetledger.projection.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.budgetledger.contract.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Every ledger's postings in sequence order, in buckets of {@value #BUCKET} sequence numbers: one document per
 * bucket, read by its exact key (the only fast read of the embedded store) and written idempotently (an entry is
 * set under its sequence number, so writing it twice changes nothing).
 */
public class Journal {

    public static final int BUCKET = 500;
    private static final int MAX_BUCKETS = 100_000;

    private final MongoCollection<Document> buckets;
    private final ObjectMapper mapper = Json.newMapper();

    public Journal(MongoCollection<Document> buckets) {
        this.buckets = buckets;
    }

    public void write(List<JournalEntry> entries) {
        Map<String, Document> sets = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            sets.computeIfAbsent(bucketId(e.ledger(), e.sequence() / BUCKET), id -> new Document())
                    .append("entries." + e.sequence(), json(e));
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
        for (long bucket = 0; bucket <= upTo / BUCKET && bucket < MAX_BUCKETS; bucket++) {
            Document doc = buckets.find(new Document("_id", bucketId(ledger, bucket))).limit(1).first();
            if (doc == null) {
                continue; // a bucket of profile or narrative events only
            }
            Map<Long, JournalEntry> ordered = new TreeMap<>();
            Document entries = doc.get("entries", Document.class);
            entries.forEach((seq, value) -> ordered.put(Long.parseLong(seq), parse((String) value)));
            for (JournalEntry e : ordered.values()) {
                if (e.sequence() <= upTo) {
                    each.accept(e);
                }
            }
        }
    }

    /** One entry by its sequence number: one read of its bucket. */
    public Optional<JournalEntry> entry(String ledger, long sequence) {
        Document doc = buckets.find(new Document("_id", bucketId(ledger, sequence / BUCKET))).limit(1).first();
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
