package org.budgetledger.ledger.profile;

import java.util.Optional;
import org.budgetledger.kit.scope.OutsideScope;
import org.budgetledger.kit.scope.UnitScopes;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.springframework.stereotype.Component;

/**
 * Who may put a unit's profile, by scope: the installation puts any. A scoped caller puts a unit under its scope's
 * unit (a new one included) and hangs it only under a unit of its scope, so that nothing leaves or enters its subtree
 * by its hand; its scope's own unit it may describe, but not move: where that unit hangs is decided above it.
 */
@Component
public class ProfileScope {

    private final UnitScopes scopes;
    private final UnitDirectory units;

    public ProfileScope(UnitScopes scopes, UnitDirectory units) {
        this.scopes = scopes;
        this.units = units;
    }

    public void requireMayPut(String unitCode, int fiscalYear, String parentUnitCode) {
        Optional<Caller> current = Caller.current();
        if (current.isEmpty() || current.get().installationWide()) {
            return;
        }
        Caller caller = current.get();
        Optional<String> parentNow = units.parentOf(unitCode, fiscalYear);
        String parent = parentUnitCode == null ? "" : parentUnitCode;
        if (unitCode.equals(caller.scope())) {
            if (parentNow.isEmpty() || !parentNow.get().equals(parent)) {
                throw new OutsideScope(
                        "parentUnitCode",
                        "where unit " + unitCode + " hangs in " + fiscalYear + " is decided above this credential's "
                                + "scope: it may describe the unit, keeping parentUnitCode '" + parentNow.orElse("")
                                + "', once the unit is registered for the year");
            }
            return;
        }
        if (parentNow.isPresent()) {
            scopes.require(null, unitCode, fiscalYear);
        } else {
            // a code new this year but another's in some year would bring that unit's history into the scope
            for (int year : units.yearsOf(unitCode)) {
                if (!scopes.covers(caller, unitCode, year)) {
                    throw new OutsideScope(
                            null,
                            "unit " + unitCode + " is registered in " + year + " outside this credential's scope: "
                                    + "its code is not free to register here");
                }
            }
        }
        if (parent.isEmpty() || !scopes.covers(caller, parent, fiscalYear)) {
            throw new OutsideScope(
                    "parentUnitCode",
                    "parentUnitCode '" + parent + "' is outside this credential's scope (unit " + caller.scope()
                            + " and the units under it): a unit is put only under a unit of the scope");
        }
    }
}
