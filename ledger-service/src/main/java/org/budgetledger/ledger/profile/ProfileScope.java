package org.budgetledger.ledger.profile;

import java.util.Optional;
import org.budgetledger.kit.scope.OutsideScope;
import org.budgetledger.kit.scope.UnitScopes;
import org.budgetledger.kit.scope.UnitTree;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.springframework.stereotype.Component;

/**
 * Who may put a unit's profile, by scope (a named policy: single and bulk registration ask it alike). The installation
 * puts any. A scoped caller puts a unit of its subtree, a new one included, and hangs it only under a unit of its
 * scope, so that nothing leaves or enters its subtree by its hand. Its scope's own unit it may describe but not move:
 * where that unit hangs is decided above it (carrying it into a year under the parent it had the year before is no
 * such decision). And it cannot take over a unit code that is registered outside its scope in another year.
 */
@Component
public class ProfileScope {

    private final UnitScopes scopes;
    private final UnitDirectory units;

    public ProfileScope(UnitScopes scopes, UnitDirectory units) {
        this.scopes = scopes;
        this.units = units;
    }

    /** Refuses a single PUT that the current caller's scope does not allow (403 naming the field). */
    public void requireMayPut(String unitCode, int fiscalYear, String parentUnitCode) {
        Optional<Caller> current = Caller.current();
        if (current.isPresent()) {
            refusal(current.get(), unitCode, fiscalYear, parentUnitCode, units).ifPresent(r -> {
                throw new OutsideScope(r.field(), r.message());
            });
        }
    }

    /** Why this caller may not put this profile, if it may not. */
    public record Refusal(String field, String message) {}

    /**
     * Why the caller may not put the unit under this parent in this year, if it may not. {@code after} is the tree
     * as it would be with the request's units in it (for a single PUT, the directory).
     */
    public Optional<Refusal> refusal(
            Caller caller, String unitCode, int fiscalYear, String parentUnitCode, UnitTree after) {
        if (caller.installationWide()) {
            return Optional.empty();
        }
        Optional<String> parentNow = units.parentOf(unitCode, fiscalYear);
        String parent = parentUnitCode == null ? "" : parentUnitCode;
        if (unitCode.equals(caller.scope())) {
            String kept =
                    parentNow.or(() -> units.parentOf(unitCode, fiscalYear - 1)).orElse(null);
            return parent.equals(kept)
                    ? Optional.empty()
                    : Optional.of(new Refusal(
                            "parentUnitCode",
                            "where unit " + unitCode + " hangs in " + fiscalYear + " is decided above this "
                                    + "credential's scope: it may describe the unit, with parentUnitCode '"
                                    + (kept == null ? "(none yet: registered from above)" : kept) + "'"));
        }
        if (parentNow.isPresent() && !scopes.covers(caller, unitCode, fiscalYear)) {
            return Optional.of(new Refusal(
                    null,
                    "unit " + unitCode + " (" + fiscalYear + ") is outside this " + "credential's scope (unit "
                            + caller.scope() + " and the units under it)"));
        }
        // new this year: a code that is another's in some year would bring that unit's history into the scope
        for (int year : parentNow.isPresent() ? java.util.Set.<Integer>of() : units.yearsOf(unitCode)) {
            if (!scopes.covers(caller, unitCode, year)) {
                return Optional.of(new Refusal(
                        null,
                        "unit " + unitCode + " is registered in " + year
                                + " outside this credential's scope: its code is not free to register here"));
            }
        }
        if (parent.isEmpty() || !new UnitScopes(after).covers(caller, parent, fiscalYear)) {
            return Optional.of(new Refusal(
                    "parentUnitCode",
                    "parentUnitCode '" + parent + "' is outside this credential's scope (unit " + caller.scope()
                            + " and the units under it): a unit is put only under a unit of the scope"));
        }
        return Optional.empty();
    }
}
