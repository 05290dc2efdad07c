package org.budgetledger.contract.event;

import org.budgetledger.contract.Posting;

public record ExpenditureRecorded(Posting posting, String contentHash, Recording recording)
        implements PostingRecorded {}
