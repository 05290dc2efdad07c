package org.budgetledger.projection.signals.domain;

import java.math.BigDecimal;

/**
 * The thresholds of the detectors (docs/SIGNALS.md gives each default and why).
 *
 * @param lateEntryDays              LATE_ENTRY: a posting recorded more than this many days after it occurred
 * @param decemberSharePercent       YEAR_END_RUSH: December's share of the year's spending above this
 * @param q4SharePercent             YEAR_END_RUSH: the fourth quarter's share above this
 * @param minimumYearExpenditureFen  YEAR_END_RUSH: a unit or economic 类 spending less in the year is not looked at
 * @param aboveHistoryPoints         YEAR_END_RUSH: December's share at least this many points above the average of
 *                                   the unit's earlier years
 * @param historyYears               YEAR_END_RUSH: how many earlier years that average reads (0: none)
 */
public record SignalThresholds(
        int lateEntryDays,
        BigDecimal decemberSharePercent,
        BigDecimal q4SharePercent,
        long minimumYearExpenditureFen,
        BigDecimal aboveHistoryPoints,
        int historyYears) {

    public static final SignalThresholds DEFAULTS =
            new SignalThresholds(30, new BigDecimal("25"), new BigDecimal("40"), 10_000_000L, new BigDecimal("15"), 3);

    public SignalThresholds {
        if (lateEntryDays < 0) {
            throw new IllegalArgumentException("late-entry days must be 0 or more, got " + lateEntryDays);
        }
        percent("december share", decemberSharePercent);
        percent("Q4 share", q4SharePercent);
        percent("points above history", aboveHistoryPoints);
        if (minimumYearExpenditureFen < 0) {
            throw new IllegalArgumentException("the minimum year expenditure must be 0 or more");
        }
        if (historyYears < 0 || historyYears > 20) {
            throw new IllegalArgumentException("history years must be 0 to 20, got " + historyYears);
        }
    }

    private static void percent(String name, BigDecimal value) {
        if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException(name + " must be a percentage from 0 to 100, got " + value);
        }
    }
}
