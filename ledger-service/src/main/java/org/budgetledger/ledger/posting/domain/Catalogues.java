package org.budgetledger.ledger.posting.domain;

import java.util.Optional;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueKind;

/** The classification catalogues as the ledger sees them: the shipped ones plus operators' revisions. */
public interface Catalogues {

    Optional<Catalogue> of(int fiscalYear, CatalogueKind kind);
}
