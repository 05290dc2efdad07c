package org.budgetledger.contract.event;

import org.budgetledger.contract.Posting;

public record AppropriationRecorded(Posting posting, String contentHash, Recording recording)
        implements PostingRecorded {}
