package org.budgetledger.ledger.posting;

import org.budgetledger.ledger.posting.domain.PostingOutcome;

/** The outcome of one submitted posting, with the ledger it went to (null when it could not be routed). */
public record PostingResult(String ledger, PostingOutcome outcome) {}
