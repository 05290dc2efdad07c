package org.budgetledger.ledger.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Which units have a profile for which year, with their parent: the gate in front of the ledgers (an unknown
 * ledger is refused without touching the event store) and what the parent rules walk. Written after each profile
 * PUT, whatever its outcome: a crash between the UnitProfiled event and this write leaves the unit unknown here until
 * its profile is PUT again (answered UNCHANGED, and written here again). Keyed by the ledger id, so every read is an
 * exact-key read.
 */
@Component
public class UnitDirectory implements org.budgetledger.kit.scope.UnitTree {

    private final MongoCollection<Document> units;
    private final ObjectMapper mapper = Json.newMapper();
    /** Profiles are never deleted, so a ledger seen once stays known. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public UnitDirectory(MongoDatabaseFactory databases) {
        this.units = databases.getMongoDatabase().getCollection("units");
    }

    public void record(LedgerId ledger, UnitProfile profile) {
        try {
            units.replaceOne(
                    new Document("_id", ledger.toString()),
                    new Document("_id", ledger.toString())
                            .append("unitCode", ledger.unitCode())
                            .append("fiscalYear", ledger.fiscalYear())
                            .append("parentUnitCode", profile.parentUnitCode())
                            .append("profile", mapper.writeValueAsString(profile)),
                    new ReplaceOptions().upsert(true));
            known.add(ledger.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean exists(LedgerId ledger) {
        if (known.contains(ledger.toString())) {
            return true;
        }
        boolean found =
                units.find(new Document("_id", ledger.toString())).limit(1).first() != null;
        if (found) {
            known.add(ledger.toString());
        }
        return found;
    }

    public Optional<UnitProfile> profile(LedgerId ledger) {
        Document d = units.find(new Document("_id", ledger.toString())).limit(1).first();
        if (d == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(d.getString("profile"), UnitProfile.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable profile of " + ledger, e);
        }
    }

    /** Every unit registered for a year with its profile, by unit code (at most {@code limit}). */
    public java.util.SortedMap<String, UnitProfile> profiles(int fiscalYear, int limit) {
        java.util.SortedMap<String, UnitProfile> found = new java.util.TreeMap<>();
        for (Document d : units.find(new Document("fiscalYear", fiscalYear)).limit(limit)) {
            try {
                found.put(d.getString("unitCode"), mapper.readValue(d.getString("profile"), UnitProfile.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable profile of " + d.get("_id"), e);
            }
        }
        return found;
    }

    /** The years the unit has a profile for (at most 200). */
    public java.util.SortedSet<Integer> yearsOf(String unitCode) {
        java.util.SortedSet<Integer> years = new java.util.TreeSet<>();
        for (Document d : units.find(new Document("unitCode", unitCode)).limit(200)) {
            years.add(d.getInteger("fiscalYear"));
        }
        return years;
    }

    /** The parent of a registered unit ("" for none), or empty when the unit has no profile for the year. */
    @Override
    public Optional<String> parentOf(String unitCode, int fiscalYear) {
        Document d = units.find(new Document("_id", new LedgerId(unitCode, fiscalYear).toString()))
                .limit(1)
                .first();
        if (d == null) {
            return Optional.empty();
        }
        String parent = d.getString("parentUnitCode");
        return Optional.of(parent == null ? "" : parent);
    }
}
