package org.budgetledger.projection.finalaccounts;

import org.budgetledger.contract.LedgerId;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.projection.publication.domain.PublishedCells;
import org.budgetledger.projection.store.Publications.Publication;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.web.NotFound;
import org.springframework.stereotype.Service;

/**
 * The disclosure as a publication showed it (cells, report, {@code ?publication=}): recomputed from the journal at
 * the recorded positions and checked against the recorded digest on every answer. When they differ the projection
 * no longer reproduces what the ledger's history says was published: it says so loudly and answers no figures.
 */
@Service
public class PublishedViews {

    /** The divergence's kind: published cells that the journal no longer reproduces. */
    public static final String DIVERGENCE = "publication";

    private final FinalAccounts accounts;
    private final Stores stores;
    private final Divergences divergences;

    public PublishedViews(FinalAccounts accounts, Stores stores, Divergences divergences) {
        this.accounts = accounts;
        this.stores = stores;
        this.divergences = divergences;
        divergences.expect(DIVERGENCE);
    }

    public Publication find(String unitCode, int fiscalYear, String publicationId) {
        return stores.active()
                .publications()
                .find(new LedgerId(unitCode, fiscalYear).toString(), publicationId)
                .orElseThrow(() ->
                        new NotFound("no publication " + publicationId + " of " + unitCode + " in " + fiscalYear));
    }

    public FinalAccounts.View view(String unitCode, int fiscalYear, String publicationId) {
        return view(unitCode, fiscalYear, find(unitCode, fiscalYear, publicationId));
    }

    public FinalAccounts.View view(String unitCode, int fiscalYear, Publication publication) {
        FinalAccounts.View view = accounts.figuresAt(unitCode, fiscalYear, publication.positions())
                .orElseThrow(() -> new NotFound("publication " + publication.id()
                        + " names ledgers or events this projection does not hold (yet)"));
        String digest = PublishedCells.digest(view.figures().published());
        if (!digest.equals(publication.digest())) {
            divergences.report(
                    publication.ledger(),
                    DIVERGENCE,
                    publication.sequence(),
                    "cells recomputing to " + digest,
                    "publication " + publication.id() + " with digest " + publication.digest(),
                    "rebuild the projection from the ledger's event store (POST /api/v1/admin/rebuild)");
            throw new IllegalStateException("the cells of publication " + publication.id()
                    + " do not recompute to its digest: the projection differs from the ledger's history");
        }
        return view;
    }
}
