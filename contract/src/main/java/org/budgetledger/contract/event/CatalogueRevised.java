package org.budgetledger.contract.event;

import java.util.List;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;

/**
 * An operator added or renamed codes of a year's catalogue, and removed codes no recorded posting uses (an import with
 * removeMissing; an event without {@code removed} removed nothing). Stream "catalogue:{kind}:{year}".
 */
public record CatalogueRevised(
        int fiscalYear, CatalogueKind kind, List<CatalogueEntry> codes, List<String> removed, Recording recording)
        implements LedgerEvent {

    public CatalogueRevised {
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    /** The catalogue as this revision leaves it: its codes added or renamed, then its removed codes gone. */
    public Catalogue applyTo(Catalogue catalogue) {
        return catalogue.revisedWith(codes).without(removed);
    }
}
