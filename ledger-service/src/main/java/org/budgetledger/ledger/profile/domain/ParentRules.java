package org.budgetledger.ledger.profile.domain;

import java.util.Optional;
import java.util.function.Function;

/**
 * A department (部门) is a unit plus all its descendants, through parentUnitCode within one fiscal year. The
 * parent must be registered for the same year and the chain must not come back to the unit
 * (docs/POSTINGS.md#unit-profiles).
 */
public final class ParentRules {

    /** Deeper than any real 部门 (本级, 二级, 三级 units …); also bounds the walk. */
    public static final int MAX_DEPTH = 32;

    private ParentRules() {}

    /**
     * @param parentOf the registered parent of a unit in this year: empty when the unit is not registered,
     *                 Optional.of("") when it is registered without a parent
     * @return why the parent is not acceptable, or empty
     */
    public static Optional<String> check(
            String unitCode, String parentUnitCode, Function<String, Optional<String>> parentOf) {
        if (parentUnitCode == null) {
            return Optional.empty();
        }
        if (parentUnitCode.equals(unitCode)) {
            return Optional.of("parentUnitCode " + parentUnitCode + " is the unit itself");
        }
        String current = parentUnitCode;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Optional<String> next = parentOf.apply(current);
            if (next.isEmpty()) {
                return Optional.of(
                        depth == 0
                                ? "parentUnitCode " + parentUnitCode + " has no profile for this fiscal year"
                                : "unit " + current + " in the parent chain has no profile for this fiscal year");
            }
            if (next.get().isEmpty()) {
                return Optional.empty();
            }
            if (next.get().equals(unitCode)) {
                return Optional.of("parentUnitCode " + parentUnitCode + " would make a cycle through " + current);
            }
            current = next.get();
        }
        return Optional.of("the parent chain of " + unitCode + " is deeper than " + MAX_DEPTH + " units");
    }
}
