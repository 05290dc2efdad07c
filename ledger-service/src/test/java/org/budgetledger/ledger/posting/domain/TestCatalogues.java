package org.budgetledger.ledger.posting.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;

/** {@link Catalogues} backed by the shipped data files, loaded once per year and kind. */
public final class TestCatalogues implements Catalogues {

    private static final Map<String, Optional<Catalogue>> LOADED = new ConcurrentHashMap<>();
    public static final TestCatalogues SHIPPED = new TestCatalogues();

    private TestCatalogues() {}

    @Override
    public Optional<Catalogue> of(int fiscalYear, CatalogueKind kind) {
        return LOADED.computeIfAbsent(fiscalYear + "/" + kind, k -> ShippedCatalogues.load(fiscalYear, kind));
    }
}
