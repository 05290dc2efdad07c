package org.budgetledger.kit.scope;

import java.util.Optional;

/** Each service's view of which unit reports to which, per year: what a credential's scope is walked along. */
@FunctionalInterface
public interface UnitTree {

    /** The parent of a unit in that year ("" for a unit at the top), or empty when the unit has no profile then. */
    Optional<String> parentOf(String unitCode, int fiscalYear);
}
