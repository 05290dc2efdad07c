package org.budgetledger.projection.store;

import java.time.Instant;
import java.util.Map;
import org.budgetledger.contract.UnitProfile;

/**
 * What the query side holds of one ledger (unit × fiscal year): how far its stream is applied, its exact figures
 * (fen by cell key, the unit alone), its profile, narrative and close. {@code recordedUpTo}: the latest recording time
 * among the events applied, null where it was not tracked from the first event on. {@code epoch}: how many times the
 * ledger was applied again from its start because its history differed from the ledger's (0 normally). {@code imported}:
 * where the figures came from when the year holds imported published figures instead of postings (null otherwise).
 * {@code closing}: when and at which sequence the year was closed (its YearClosed event), null while it is open, and
 * for a record applied before the close was kept (a rebuild, or the ledger applied again, recomputes it).
 */
public record LedgerRecord(
        String ledger,
        String unitCode,
        int fiscalYear,
        long applied,
        Map<String, Long> cells,
        UnitProfile profile,
        Map<String, String> narrative,
        boolean closed,
        Closing closing,
        long postings,
        Instant lastRecordedAt,
        Instant recordedUpTo,
        long epoch,
        Imported imported) {

    /** The close of the year: its YearClosed event's recording time and its place in the ledger's sequence. */
    public record Closing(Instant at, long sequence) {}

    /** How many of the ledger's events the figures include. */
    public long position() {
        return applied + 1;
    }
}
