package org.budgetledger.projection.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.projection.storage.EpochNanos;

/**
 * One document per ledger: its applied cursor and its figures. A run of events is applied by ONE conditional
 * update (filter: the cursor it was computed from), so each (ledger, sequence) counts exactly once whatever the
 * redelivery or the number of instances; a lost race is seen and recomputed.
 * <p>
 * A run that changes many cells sets the ledger's whole cells map, computed from the cells at that cursor, instead
 * of incrementing each: the embedded store checks every pair of an update's paths against each other and parses
 * each path with regular expressions, which made hundreds of increments its hottest code under load (profile). The
 * cells at the cursor come from the last run this instance applied (a bounded memory of recent ledgers) or, failing
 * that, one read; the conditional filter still decides, so a stale memory only costs a retry. A run that changes a
 * few cells increments them (cheaper than writing the whole map).
 */
public class LedgerRecords {

    public static final long NONE = -1;
    /** Ledgers whose cells are remembered after applying to them (least recently applied forgotten first). */
    static final int REMEMBERED_LEDGERS = 1_024;
    /** From this many changed cells on, the whole map is set rather than each cell incremented. */
    static final int WHOLE_MAP_FROM = 24;

    /** The cells when the cursor was {@code applied} in {@code epoch}; owned by whoever took it out of the memory. */
    private record Known(long applied, long epoch, Map<String, Long> cells) {}

    private final MongoCollection<Document> ledgers;
    private final ObjectMapper mapper = Json.newMapper();
    private final Map<String, Known> known = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > REMEMBERED_LEDGERS;
        }
    };

    public LedgerRecords(MongoCollection<Document> ledgers) {
        this.ledgers = ledgers;
    }

    /**
     * A change computed from the events after {@code from} in {@code epoch}, up to {@code to}, whose last one has the
     * chain hash {@code head}.
     */
    public record Change(
            long from,
            long epoch,
            long to,
            String head,
            Map<String, Long> cellDeltas,
            long postingsDelta,
            UnitProfile profile,
            Map<String, String> narrative,
            Boolean closed,
            LedgerRecord.Closing closing,
            Instant lastRecordedAt,
            Instant latestRecordedAt,
            Imported imported) {}

    /**
     * Where a ledger's figures stand: the last sequence applied ({@link #NONE} if none), that event's chain hash (null
     * if none, or applied before hashes were kept), and how many times the ledger was applied again from its start.
     */
    public record Position(long applied, String head, long epoch) {}

    /** How far the figures of a ledger go, and in which of its applications: what a cached answer is valid for. */
    public record Mark(long position, long epoch) {}

    public Optional<LedgerRecord> find(String ledger) {
        Document d = ledgers.find(new Document("_id", ledger)).limit(1).first();
        return Optional.ofNullable(d).map(this::record);
    }

    /** Where the ledger's figures stand: a small read, not the figures. */
    public Position position(String ledger) {
        Document d = ledgers.find(new Document("_id", ledger))
                .projection(new Document("applied", 1).append("head", 1).append("epoch", 1))
                .limit(1)
                .first();
        if (d == null || d.get("applied") == null) {
            return new Position(NONE, null, d == null ? 0 : epoch(d));
        }
        return new Position(((Number) d.get("applied")).longValue(), d.getString("head"), epoch(d));
    }

    private static long epoch(Document d) {
        return d.get("epoch") == null ? 0 : ((Number) d.get("epoch")).longValue();
    }

    /** How many events the figures of each ledger include, and in which epoch, in one small read (absent: none applied). */
    public Map<String, Mark> positions(java.util.Collection<String> ledgerIds) {
        Map<String, Mark> positions = new HashMap<>();
        for (Document d : ledgers.find(new Document("_id", new Document("$in", List.copyOf(ledgerIds))))
                .projection(new Document("applied", 1).append("epoch", 1))) {
            if (d.get("applied") != null) {
                positions.put(d.getString("_id"), new Mark(((Number) d.get("applied")).longValue() + 1, epoch(d)));
            }
        }
        return positions;
    }

    /**
     * Empties the ledger's figures, in a new epoch, so that it is applied again from its first event: its history in
     * the projection differed from the ledger's. The epoch tells every cached answer built on the old figures apart.
     */
    public void reset(String ledger) {
        LedgerId id = LedgerId.parse(ledger);
        long epoch = position(ledger).epoch() + 1;
        ledgers.replaceOne(
                new Document("_id", ledger),
                new Document("_id", ledger)
                        .append("applied", NONE)
                        .append("unitCode", id.unitCode())
                        .append("fiscalYear", id.fiscalYear())
                        .append("epoch", epoch),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        synchronized (known) {
            known.remove(ledger);
        }
    }

    /** Applies the change if the ledger still stands where it was computed from; false if it moved meanwhile. */
    public boolean apply(String ledger, Change change) {
        Map<String, Long> changed = new HashMap<>();
        change.cellDeltas().forEach((key, fen) -> {
            if (fen != 0) {
                changed.put(key, fen);
            }
        });
        boolean whole = changed.size() >= WHOLE_MAP_FROM;
        Map<String, Long> cells = take(ledger, change.from(), change.epoch(), whole);
        if (whole && cells == null) {
            return false; // the ledger stands elsewhere now
        }
        if (cells != null) {
            changed.forEach((key, fen) -> cells.merge(key, fen, Math::addExact));
        }
        boolean applied = update(ledger, change, whole ? cells : null, changed);
        if (applied && cells != null) {
            synchronized (known) {
                known.put(ledger, new Known(change.to(), change.epoch(), cells));
            }
        }
        return applied;
    }

    /**
     * The ledger's cells when {@code applied} was its cursor, taken out of the memory (the caller owns them until it
     * puts them back); if not remembered, read when {@code orRead}. Null if unknown or it stands elsewhere now.
     */
    private Map<String, Long> take(String ledger, long applied, long epoch, boolean orRead) {
        if (applied == NONE) {
            return new HashMap<>();
        }
        Known k;
        synchronized (known) {
            k = known.remove(ledger);
        }
        if (k != null && k.applied() == applied && k.epoch() == epoch) {
            return k.cells();
        }
        return orRead
                ? find(ledger)
                        .filter(r -> r.applied() == applied && r.epoch() == epoch)
                        .map(r -> new HashMap<>(r.cells()))
                        .orElse(null)
                : null;
    }

    /** Sets {@code cells} as the whole map when given, else increments each of {@code changed}. */
    private boolean update(String ledger, Change change, Map<String, Long> cells, Map<String, Long> changed) {
        LedgerId id = LedgerId.parse(ledger);
        Document set = new Document("applied", change.to())
                .append("unitCode", id.unitCode())
                .append("fiscalYear", id.fiscalYear());
        if (change.head() != null) {
            set.append("head", change.head());
        }
        if (change.profile() != null) {
            set.append("profile", json(change.profile()));
        }
        if (change.narrative() != null) {
            set.append("narrative", json(change.narrative()));
        }
        if (change.closed() != null) {
            set.append("closed", change.closed());
        }
        if (change.closing() != null) {
            // exact to the nanosecond, as the recording times of the journal are
            set.append("closedAt", EpochNanos.of(change.closing().at()))
                    .append("closedSequence", change.closing().sequence());
        }
        if (change.imported() != null) {
            set.append("imported", json(change.imported()));
        }
        if (change.lastRecordedAt() != null) {
            set.append("lastRecordedAt", Date.from(change.lastRecordedAt()));
        }
        Document inc = new Document();
        if (cells != null) {
            Document stored = new Document();
            cells.forEach((key, fen) -> stored.append(encode(key), fen));
            set.append("cells", stored);
        } else {
            changed.forEach((key, fen) -> inc.append("cells." + encode(key), fen));
        }
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
        // the epoch too: figures applied again from their start (another instance repaired them) may stand at the same
        // position with other cells
        Document filter = new Document("_id", ledger)
                .append("applied", change.from())
                .append("epoch", change.epoch() == 0 ? new Document("$exists", false) : change.epoch());
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
        return new LedgerRecord(
                d.getString("_id"),
                d.getString("unitCode"),
                d.getInteger("fiscalYear", 0),
                ((Number) d.get("applied")).longValue(),
                cells,
                d.getString("profile") == null
                        ? null
                        : parse(d.getString("profile"), new TypeReference<UnitProfile>() {}),
                d.getString("narrative") == null
                        ? Map.of()
                        : parse(d.getString("narrative"), new TypeReference<Map<String, String>>() {}),
                Boolean.TRUE.equals(d.getBoolean("closed")),
                closing(d),
                d.get("postings") == null ? 0 : ((Number) d.get("postings")).longValue(),
                last == null ? null : last.toInstant(),
                d.getBoolean("tracksRecordedUpTo", false) && d.get("recordedUpTo") != null
                        ? EpochNanos.instant(((Number) d.get("recordedUpTo")).longValue())
                        : null,
                epoch(d),
                d.getString("imported") == null
                        ? null
                        : parse(d.getString("imported"), new TypeReference<Imported>() {}));
    }

    /** The close of the year; null while open, and in a record applied before the close was kept (no closedAt). */
    private static LedgerRecord.Closing closing(Document d) {
        if (d.get("closedAt") == null || d.get("closedSequence") == null) {
            return null;
        }
        return new LedgerRecord.Closing(
                EpochNanos.instant(((Number) d.get("closedAt")).longValue()),
                ((Number) d.get("closedSequence")).longValue());
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
