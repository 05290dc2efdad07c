package org.budgetledger.projection.checks.domain;

import java.util.Map;
import java.util.Objects;
import org.budgetledger.contract.UnitKind;

/**
 * One unit consolidated into the department (本级 or a descendant): its kind in the fiscal year's profile and,
 * when known, its own figures ({@code ?scope=self}: exact fen by cell key, absent = 0).
 *
 * @param self null when only the kind is known (L01 then checks the department, L04 is skipped)
 */
public record UnitFigures(String unitCode, UnitKind kind, Map<String, Long> self) {

    public UnitFigures {
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(kind, "kind");
        self = self == null ? null : Map.copyOf(self);
    }

    public static UnitFigures kindOnly(String unitCode, UnitKind kind) {
        return new UnitFigures(unitCode, kind, null);
    }
}
