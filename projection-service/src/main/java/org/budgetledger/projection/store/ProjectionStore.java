package org.budgetledger.projection.store;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.budgetledger.projection.catalogue.CatalogueNames;
import org.budgetledger.projection.journal.Journal;
import org.budgetledger.projection.journal.PostingIndex;
import org.budgetledger.projection.journal.PostingLookup;

/**
 * One generation of the projections: every collection the query side writes, under names of that generation.
 * Generation 1 uses the plain names; a rebuild writes generation n + 1 beside the live one and then switches.
 */
public final class ProjectionStore {

    static final List<String> COLLECTIONS = List.of(
            "ledgers",
            "journal",
            "units",
            "catalogue_revisions",
            "posting_index",
            "figure_checkpoints",
            "publications");

    private final int generation;
    private final LedgerRecords records;
    private final Journal journal;
    private final UnitDirectory units;
    private final CatalogueNames catalogues;
    private final PostingIndex postings;
    private final PostingLookup lookup;
    private final Checkpoints checkpoints;
    private final Publications publications;

    ProjectionStore(MongoDatabase db, int generation, int journalBucket) {
        this.generation = generation;
        this.records = new LedgerRecords(db.getCollection(name("ledgers", generation)));
        this.journal = new Journal(db.getCollection(name("journal", generation)), journalBucket);
        this.units = new UnitDirectory(db.getCollection(name("units", generation)));
        this.catalogues = new CatalogueNames(db.getCollection(name("catalogue_revisions", generation)));
        this.postings = new PostingIndex(db.getCollection(name("posting_index", generation)));
        this.lookup = new PostingLookup(journal);
        this.checkpoints = new Checkpoints(db.getCollection(name("figure_checkpoints", generation)));
        this.publications = new Publications(db.getCollection(name("publications", generation)));
    }

    static String name(String collection, int generation) {
        return generation == 1 ? collection : collection + "_g" + generation;
    }

    public int generation() {
        return generation;
    }

    public LedgerRecords records() {
        return records;
    }

    public Journal journal() {
        return journal;
    }

    public UnitDirectory units() {
        return units;
    }

    public CatalogueNames catalogues() {
        return catalogues;
    }

    public PostingIndex postings() {
        return postings;
    }

    public PostingLookup lookup() {
        return lookup;
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    public Publications publications() {
        return publications;
    }

    /**
     * Forgets everything this generation holds of one ledger, so that it is applied again from its first event: the
     * checkpoints first (a checkpoint of the old figures must never serve an as-of answer of the new ones), then the
     * figures (reset to nothing, in a new epoch), then the postings' locations and the journal. A crash before the
     * reset leaves the old figures, whose next events still show the difference (the repair runs again); after it,
     * the ledger is applied from its start whatever is left: a journal entry or a posting's location left over is
     * overwritten, or unset where the new history has no posting (Journal.write).
     */
    public void forget(String ledger) {
        long applied = records.position(ledger).applied();
        checkpoints.forget(ledger);
        publications.forget(ledger);
        java.util.Set<String> keys = new java.util.HashSet<>();
        journal.read(ledger, Math.max(applied, 0), e -> keys.add(e.key()));
        records.reset(ledger);
        units.forgetSequence(ledger);
        postings.forget(keys);
        journal.forget(ledger, Math.max(applied, 0));
        lookup.forget(ledger);
    }
}
