package org.budgetledger.kit.scope;

import java.util.Optional;
import org.budgetledger.kit.security.Caller;

/**
 * Whether a caller's scope covers a unit: the scope is the whole installation, or the unit itself, or one of the
 * unit's ancestors in that year's tree. A unit without a profile that year is covered by its own code or the
 * installation only, so that a scope never reaches a unit through a parent it has not been given yet.
 */
public final class UnitScopes {

    /** Deeper than any real tree (the ledger refuses cycles; this bounds the walk whatever the data). */
    static final int MAX_DEPTH = 64;

    private final UnitTree tree;

    public UnitScopes(UnitTree tree) {
        this.tree = tree;
    }

    public boolean covers(Caller caller, String unitCode, int fiscalYear) {
        if (caller.installationWide()) {
            return true;
        }
        String scope = caller.scope();
        if (scope.isEmpty() || unitCode == null) {
            return false;
        }
        String unit = unitCode;
        for (int depth = 0; depth <= MAX_DEPTH; depth++) {
            if (unit.equals(scope)) {
                return true;
            }
            Optional<String> parent = tree.parentOf(unit, fiscalYear);
            if (parent.isEmpty() || parent.get().isEmpty()) {
                return false;
            }
            unit = parent.get();
        }
        return false;
    }

    /** Whether the current request's caller covers the unit (true when access control is off: no caller). */
    public boolean coversCurrent(String unitCode, int fiscalYear) {
        return Caller.current().map(c -> covers(c, unitCode, fiscalYear)).orElse(true);
    }

    /** Refuses the current request unless its caller covers the unit; {@code field} names where the unit came from. */
    public void require(String field, String unitCode, int fiscalYear) {
        Optional<Caller> caller = Caller.current();
        if (caller.isPresent() && !covers(caller.get(), unitCode, fiscalYear)) {
            throw new OutsideScope(
                    field,
                    "unit " + unitCode + " (" + fiscalYear + ") is outside this credential's scope ("
                            + describe(caller.get()) + ")");
        }
    }

    /** Refuses the current request unless its caller covers the whole installation. */
    public void requireInstallation(String what) {
        Optional<Caller> caller = Caller.current();
        if (caller.isPresent() && !caller.get().installationWide()) {
            throw new OutsideScope(
                    null,
                    what + " belongs to the whole installation, and this credential's scope is "
                            + describe(caller.get()));
        }
    }

    static String describe(Caller caller) {
        return caller.scope().isEmpty()
                ? "no unit: its token names none"
                : "unit " + caller.scope() + " and the units under it";
    }
}
