package org.budgetledger.projection.signals.domain;

/**
 * What a signal points at (docs/SIGNALS.md). A signal is not a failed rule: the figures can be right and the signal
 * still worth a look; each says why it can be a false alarm.
 */
public enum SignalKind {
    /** Postings or reversals the ledger recorded after the year was closed (it refuses every one). */
    AFTER_CLOSE("关账后记账"),
    /** Money movements recorded long after they occurred, once the ledger was live. */
    LATE_ENTRY("延迟入账"),
    /** A large share of the year's spending in December or in the fourth quarter. */
    YEAR_END_RUSH("年底突击支出"),
    /** A 三公 item or a 项 whose actual spending exceeds its full-year budget. */
    OVER_BUDGET("超预算支出"),
    /** Postings recorded after the latest publication that moved a published figure. */
    AFTER_PUBLICATION("公开后变动");

    private final String zh;

    SignalKind(String zh) {
        this.zh = zh;
    }

    /** The Chinese name the text prints beside the code. */
    public String zh() {
        return zh;
    }
}
