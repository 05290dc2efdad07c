package org.budgetledger.projection.access;

import java.util.Optional;
import org.budgetledger.kit.scope.UnitTree;
import org.budgetledger.projection.store.Stores;
import org.springframework.stereotype.Component;

/** The units' tree as the projections hold it (from the UnitProfiled events): what a scope is walked along here. */
@Component
public class ProjectionUnitTree implements UnitTree {

    private final Stores stores;

    public ProjectionUnitTree(Stores stores) {
        this.stores = stores;
    }

    @Override
    public Optional<String> parentOf(String unitCode, int fiscalYear) {
        return stores.active()
                .units()
                .unit(unitCode, fiscalYear)
                .map(u -> u.parentUnitCode() == null ? "" : u.parentUnitCode());
    }
}
