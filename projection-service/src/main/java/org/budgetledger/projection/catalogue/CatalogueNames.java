package org.budgetledger.projection.catalogue;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.contract.event.CatalogueRevised;

/**
 * The names the tables print: the catalogue of the fiscal year as shipped plus the revisions operators made on the
 * ledger side (CatalogueRevised events). One document per revised catalogue, with its applied cursor.
 */
public class CatalogueNames {

    private static final Duration FRESH = Duration.ofSeconds(2);

    private final MongoCollection<Document> revisions;
    private volatile Map<String, Catalogue> cache = Map.of();
    private volatile boolean stale = true;
    private volatile long loadedAt;

    public CatalogueNames(MongoCollection<Document> revisions) {
        this.revisions = revisions;
    }

    public long applied(String stream) {
        Document d = revisions.find(new Document("_id", stream)).limit(1).first();
        return d == null ? -1 : ((Number) d.get("applied")).longValue();
    }

    public boolean apply(String stream, long from, long to, List<CatalogueRevised> events) {
        Document set = new Document("applied", to);
        Map<String, String> last = new java.util.LinkedHashMap<>(); // each code's state after the run: a name, or gone
        for (CatalogueRevised e : events) {
            set.append("year", e.fiscalYear()).append("kind", e.kind().name());
            e.codes().forEach(c -> last.put(c.code(), c.name()));
            e.removed().forEach(code -> last.put(code, null));
        }
        Document unset = new Document();
        last.forEach((code, name) -> {
            if (name != null) {
                set.append("codes." + code, name);
                unset.append("removed." + code, "");
            } else {
                unset.append("codes." + code, "");
                set.append("removed." + code, true);
            }
        });
        Document update = new Document("$set", set);
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        try {
            UpdateResult r = revisions.updateOne(
                    new Document("_id", stream).append("applied", from),
                    update,
                    new UpdateOptions().upsert(from == -1));
            stale = true;
            return r.getMatchedCount() == 1 || r.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Catalogue> of(int fiscalYear, CatalogueKind kind) {
        String key = kind.path() + ":" + fiscalYear;
        Map<String, Catalogue> revised = current();
        if (revised.containsKey(key)) {
            return Optional.of(revised.get(key));
        }
        return ShippedCatalogues.load(fiscalYear, kind);
    }

    /** The printed name of a code in that year's catalogue, or empty when the catalogue does not know it. */
    public Optional<String> name(int fiscalYear, CatalogueKind kind, String code) {
        return of(fiscalYear, kind).flatMap(c -> c.nameOf(code));
    }

    private Map<String, Catalogue> current() {
        if (stale || System.nanoTime() - loadedAt > FRESH.toNanos()) {
            Map<String, Catalogue> loaded = new HashMap<>();
            for (Document d : revisions.find().batchSize(100)) {
                if (d.get("year") == null) {
                    continue;
                }
                int year = d.getInteger("year");
                CatalogueKind kind = CatalogueKind.valueOf(d.getString("kind"));
                List<CatalogueEntry> codes = new ArrayList<>();
                Document named = d.get("codes", Document.class);
                if (named != null) {
                    named.forEach((code, name) -> codes.add(new CatalogueEntry(code, (String) name)));
                }
                Document removed = d.get("removed", Document.class);
                Catalogue base = ShippedCatalogues.load(year, kind).orElseGet(() -> Catalogue.empty(year, kind));
                loaded.put(
                        kind.path() + ":" + year,
                        base.revisedWith(codes).without(removed == null ? List.of() : removed.keySet()));
            }
            cache = loaded;
            loadedAt = System.nanoTime();
            stale = false;
        }
        return cache;
    }
}
