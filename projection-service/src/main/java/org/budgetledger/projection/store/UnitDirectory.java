package org.budgetledger.projection.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;

/**
 * Which units have a ledger for which year, with parent, kind and name: the tree a department's figures are
 * consolidated over (决算单位构成). Written by whichever instance applies a UnitProfiled event; every instance
 * reads the small collection again at most once a second, so a query sees units applied elsewhere.
 */
public class UnitDirectory {

    public record Unit(
            String unitCode, int fiscalYear, String parentUnitCode, UnitKind kind, String name, String region) {
        public String ledger() {
            return new LedgerId(unitCode, fiscalYear).toString();
        }
    }

    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final int MAX_DEPTH = 64;

    private final MongoCollection<Document> units;
    private volatile Map<String, Unit> byLedger = Map.of();
    private volatile boolean stale = true;
    private volatile long loadedAt;

    public UnitDirectory(MongoCollection<Document> units) {
        this.units = units;
    }

    /**
     * Records the unit as its ledger's event {@code sequence} profiled it, unless a later profile is recorded already:
     * written before the ledger's cursor moves (so a crash cannot lose it), it may be written again or late.
     */
    public void record(String unitCode, int fiscalYear, UnitProfile profile, long sequence) {
        String id = new LedgerId(unitCode, fiscalYear).toString();
        Document doc = new Document("_id", id)
                .append("unitCode", unitCode)
                .append("fiscalYear", fiscalYear)
                .append("parentUnitCode", profile.parentUnitCode())
                .append("kind", profile.kind().name())
                .append("name", profile.name())
                .append("region", profile.region())
                .append("sequence", sequence);
        Document older = new Document("_id", id)
                .append(
                        "$or",
                        List.of(
                                new Document("sequence", new Document("$lte", sequence)),
                                new Document("sequence", new Document("$exists", false))));
        if (units.replaceOne(older, doc).getMatchedCount() == 0) {
            try {
                units.insertOne(doc);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // a later profile of this ledger is recorded already
            }
        }
        stale = true;
    }

    /** The ledger is applied again from its start: its profile, whatever sequence it had, gives way to the next one. */
    public void forgetSequence(String ledger) {
        units.updateOne(new Document("_id", ledger), new Document("$unset", new Document("sequence", "")));
    }

    public Optional<Unit> unit(String unitCode, int fiscalYear) {
        return Optional.ofNullable(current().get(new LedgerId(unitCode, fiscalYear).toString()));
    }

    /** The unit and all its descendants in that year, the unit first, each before its children. */
    public List<Unit> department(String unitCode, int fiscalYear) {
        Map<String, Unit> all = current();
        Map<String, List<Unit>> children = new HashMap<>();
        for (Unit u : all.values()) {
            if (u.fiscalYear() == fiscalYear && u.parentUnitCode() != null) {
                children.computeIfAbsent(u.parentUnitCode(), p -> new ArrayList<>())
                        .add(u);
            }
        }
        children.values().forEach(list -> list.sort(java.util.Comparator.comparing(Unit::unitCode)));
        List<Unit> result = new ArrayList<>();
        Unit root = all.get(new LedgerId(unitCode, fiscalYear).toString());
        if (root != null) {
            collect(root, children, result, 0);
        }
        return result;
    }

    private static void collect(Unit unit, Map<String, List<Unit>> children, List<Unit> into, int depth) {
        if (depth > MAX_DEPTH || into.contains(unit)) {
            return; // the ledger refuses cycles; this only guards the walk
        }
        into.add(unit);
        for (Unit child : children.getOrDefault(unit.unitCode(), List.of())) {
            collect(child, children, into, depth + 1);
        }
    }

    /** Every unit with a ledger, by ledger id. */
    public Map<String, Unit> all() {
        return current();
    }

    private Map<String, Unit> current() {
        if (stale || System.nanoTime() - loadedAt > FRESH.toNanos()) {
            Map<String, Unit> loaded = new TreeMap<>();
            for (Document d : units.find().batchSize(1000)) {
                loaded.put(
                        d.getString("_id"),
                        new Unit(
                                d.getString("unitCode"),
                                d.getInteger("fiscalYear"),
                                d.getString("parentUnitCode"),
                                UnitKind.valueOf(d.getString("kind")),
                                d.getString("name"),
                                d.getString("region")));
            }
            byLedger = Collections.unmodifiableMap(loaded);
            loadedAt = System.nanoTime();
            stale = false;
        }
        return byLedger;
    }
}
