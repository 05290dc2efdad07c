package org.budgetledger.contract.event;

import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.CatalogueEntry;

import java.util.List;

/** An operator added or renamed codes of a year's catalogue (never deletes). Stream "catalogue:{kind}:{year}". */
public record CatalogueRevised(int fiscalYear, CatalogueKind kind, List<CatalogueEntry> codes, Recording recording)
        implements LedgerEvent {
}
