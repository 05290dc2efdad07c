package org.budgetledger.ledger.posting.domain;

/** What became of a profile PUT. */
public enum ProfileOutcome {
    CREATED,
    REPLACED,
    UNCHANGED,
    YEAR_CLOSED
}
