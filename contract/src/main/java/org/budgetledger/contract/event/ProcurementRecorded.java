package org.budgetledger.contract.event;

import org.budgetledger.contract.Posting;

public record ProcurementRecorded(Posting posting, String contentHash, Recording recording)
        implements PostingRecorded {}
