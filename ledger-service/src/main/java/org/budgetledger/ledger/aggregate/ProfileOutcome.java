package org.budgetledger.ledger.aggregate;

/** What became of a profile PUT. */
public enum ProfileOutcome {
    CREATED,
    REPLACED,
    UNCHANGED,
    YEAR_CLOSED
}
