package org.budgetledger.contract.event;

import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;

/**
 * A REVERSAL posting was recorded: the posting it names stops counting in every figure it fed. The reversed
 * posting's type, fund source and amount are repeated so that a reader need not look it up to undo its effect.
 */
public record PostingReversed(
        Posting posting,
        String contentHash,
        String reversedPostingId,
        PostingType reversedType,
        FundSource reversedFundSource,
        Money reversedAmount,
        Recording recording)
        implements PostingRecorded {}
