package org.budgetledger.projection.signals.domain;

import java.time.Instant;
import java.util.List;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/**
 * One unit's ledger for the year as the detectors read it.
 *
 * @param closing   the close of the year (null while open, or not known: a record applied before the close was kept)
 * @param imported  whether the year holds published figures imported from a document instead of postings
 * @param entries   the journal in sequence order (postings and reversals)
 * @param figures   the unit's own exact figures, facts included (month facts among them)
 * @param pastYears the unit's own earlier years held by the projection (recorded, not imported), latest first
 */
public record UnitLedger(
        String unitCode,
        int fiscalYear,
        Closing closing,
        boolean imported,
        List<Entry> entries,
        Cells figures,
        List<PastYear> pastYears) {

    public UnitLedger {
        entries = List.copyOf(entries);
        pastYears = List.copyOf(pastYears);
    }

    /** The YearClosed event: when the ledger recorded it and its place in the ledger's sequence. */
    public record Closing(Instant at, long sequence) {}

    /** An earlier year of the same unit: its own exact figures, facts included. */
    public record PastYear(int fiscalYear, Cells figures) {}
}
