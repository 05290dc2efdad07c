package org.budgetledger.contract.event;

import org.budgetledger.contract.Posting;

public record SurplusDistributionRecorded(Posting posting, String contentHash, Recording recording)
        implements PostingRecorded {}
