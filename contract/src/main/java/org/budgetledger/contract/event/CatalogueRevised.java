package org.budgetledger.contract.event;

import java.util.List;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;

/** An operator added or renamed codes of a year's catalogue (never deletes). Stream "catalogue:{kind}:{year}". */
public record CatalogueRevised(int fiscalYear, CatalogueKind kind, List<CatalogueEntry> codes, Recording recording)
        implements LedgerEvent {}
