package org.budgetledger.contract.event;

import org.budgetledger.contract.Posting;

public record BudgetRecorded(Posting posting, String contentHash, Recording recording) implements PostingRecorded {}
