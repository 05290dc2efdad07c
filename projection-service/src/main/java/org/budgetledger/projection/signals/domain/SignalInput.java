package org.budgetledger.projection.signals.domain;

import java.util.List;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/**
 * What every detector is given: the unit and year asked about, the scope of the answer ({@code department}: the unit
 * and its descendants, {@code self}: the unit alone), the figures of that scope (facts included), each member unit's
 * ledger, the thresholds, and the latest publication of the unit's disclosure with what changed since (null: none,
 * or a scope other than the department's, which is what is published).
 */
public record SignalInput(
        String unitCode,
        int fiscalYear,
        String scope,
        Cells figures,
        List<UnitLedger> units,
        SignalThresholds thresholds,
        PublishedChanges publication) {

    public static final String DEPARTMENT = "department";
    public static final String SELF = "self";

    public SignalInput {
        units = List.copyOf(units);
    }
}
