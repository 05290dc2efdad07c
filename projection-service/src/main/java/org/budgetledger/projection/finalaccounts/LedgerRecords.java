package org.budgetledger.projection.finalaccounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.projection.store.EpochNanos;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One document per ledger: its applied cursor and its figures. A run of events is applied by ONE conditional
 * update (filter: the cursor it was computed from), so each (ledger, sequence) counts exactly once whatever the
 * redelivery or the number of instances; a lost race is seen and recomputed.
 */
public class LedgerRecords {

    public static final long NONE = -1;

    private final MongoCollection<Document> ledgers;
    private final ObjectMapper mapper = Json.newMapper();

    public LedgerRecords(MongoCollection<Document> ledgers) {
        this.ledgers = ledgers;
    }

    /** A change computed from the events after {@code from}, up to {@code to}. */
    public record Change(long from, long to, Map<String, Long> cellDeltas, long postingsDelta, UnitProfile profile,
                         Map<String, String> narrative, Boolean closed, Instant lastRecordedAt, Instant latestRecordedAt) {
    }

    public Optional<LedgerRecord> find(String ledger) {
        Document d = ledgers.find(new Document("_id", ledger)).limit(1).first();
        return Optional.ofNullable(d).map(this::record);
    }

    /** The last sequence applied to the ledger's figures, {@link #NONE} if none: a small read, not the figures. */
    public long applied(String ledger) {
        Document d = ledgers.find(new Document("_id", ledger)).projection(new Document("applied", 1)).limit(1).first();
        return d == null || d.get("applied") == null ? NONE : ((Number) d.get("applied")).longValue();
    }

    /** How many events the figures of each ledger include, in one small read (absent: none applied). */
    public Map<String, Long> positions(java.util.Collection<String> ledgerIds) {
        Map<String, Long> positions = new HashMap<>();
        for (Document d : ledgers.find(new Document("_id", new Document("$in", List.copyOf(ledgerIds))))
                .projection(new Document("applied", 1))) {
            if (d.get("applied") != null) {
                positions.put(d.getString("_id"), ((Number) d.get("applied")).longValue() + 1);
            }
        }
        return positions;
    }

    /** Applies the change if the ledger still stands where it was computed from; false if it moved meanwhile. */
    public boolean apply(String ledger, Change change) {
        LedgerId id = LedgerId.parse(ledger);
        Document set = new Document("applied", change.to()).append("unitCode", id.unitCode()).append("fiscalYear", id.fiscalYear());
        if (change.profile() != null) {
            set.append("profile", json(change.profile()));
        }
        if (change.narrative() != null) {
            set.append("narrative", json(change.narrative()));
        }
        if (change.closed() != null) {
            set.append("closed", change.closed());
        }
        if (change.lastRecordedAt() != null) {
            set.append("lastRecordedAt", Date.from(change.lastRecordedAt()));
        }
        Document inc = new Document();
        change.cellDeltas().forEach((key, fen) -> {
            if (fen != 0) {
                inc.append("cells." + encode(key), fen);
            }
        });
        if (change.postingsDelta() != 0) {
            inc.append("postings", change.postingsDelta());
        }
        Document update = new Document("$set", set);
        if (!inc.isEmpty()) {
            update.append("$inc", inc);
        }
        if (change.latestRecordedAt() != null) {
            // the latest recording time of all events applied (sequence order is not recording order): what a
            // checkpoint of these figures serves from; known for sure only if tracked since the first event
            update.append("$max", new Document("recordedUpTo", EpochNanos.of(change.latestRecordedAt())));
            if (change.from() == NONE) {
                set.append("tracksRecordedUpTo", true);
            }
        }
        Document filter = new Document("_id", ledger).append("applied", change.from());
        try {
            UpdateResult result = ledgers.updateOne(filter, update, new UpdateOptions().upsert(change.from() == NONE));
            return result.getMatchedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the ledger exists already: someone applied its first events meanwhile
            }
            throw e;
        }
    }

    private LedgerRecord record(Document d) {
        Map<String, Long> cells = new HashMap<>();
        Document stored = d.get("cells", Document.class);
        if (stored != null) {
            stored.forEach((k, v) -> cells.put(decode(k), ((Number) v).longValue()));
        }
        Date last = d.getDate("lastRecordedAt");
        return new LedgerRecord(d.getString("_id"), d.getString("unitCode"), d.getInteger("fiscalYear", 0),
                ((Number) d.get("applied")).longValue(), cells,
                d.getString("profile") == null ? null : parse(d.getString("profile"), new TypeReference<UnitProfile>() { }),
                d.getString("narrative") == null ? Map.of() : parse(d.getString("narrative"), new TypeReference<Map<String, String>>() { }),
                Boolean.TRUE.equals(d.getBoolean("closed")), d.get("postings") == null ? 0 : ((Number) d.get("postings")).longValue(),
                last == null ? null : last.toInstant(),
                d.getBoolean("tracksRecordedUpTo", false) && d.get("recordedUpTo") != null ? EpochNanos.instant(((Number) d.get("recordedUpTo")).longValue()) : null);
    }


    /** Cell keys contain '.', which MongoDB reads as a path: stored with '~' instead (no key contains '~'). */
    static String encode(String key) {
        return key.replace('.', '~');
    }

    static String decode(String field) {
        return field.replace('~', '.');
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T parse(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
