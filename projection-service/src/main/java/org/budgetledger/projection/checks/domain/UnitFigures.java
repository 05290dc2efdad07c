package org.budgetledger.projection.checks.domain;

import java.util.Objects;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/**
 * One unit consolidated into the department (本级 or a descendant): its kind in the fiscal year's profile and,
 * when known, its own figures ({@code ?scope=self}: exact fen by cell key, {@link Cells}: absent = 0).
 *
 * @param self null when only the kind is known (L01 then checks the department, L04 is skipped); figures nobody
 *             changes afterwards ({@link Cells#copyOf} of a map that may change)
 */
public record UnitFigures(String unitCode, UnitKind kind, Cells self) {

    public UnitFigures {
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(kind, "kind");
    }

    public static UnitFigures kindOnly(String unitCode, UnitKind kind) {
        return new UnitFigures(unitCode, kind, null);
    }
}
