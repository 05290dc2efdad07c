package org.budgetledger.contract.event;

import org.budgetledger.contract.Posting;

/**
 * A posting was recorded. One event type per posting type, named in the domain's language. {@code contentHash}
 * identifies the posting's content as sent, so that the same posting sent again is a duplicate and a different
 * one under the same id a conflict.
 */
public sealed interface PostingRecorded extends LedgerEvent
        permits AppropriationRecorded,
                IncomeRecorded,
                ExpenditureRecorded,
                OpeningBalanceRecorded,
                BudgetRecorded,
                ProcurementRecorded,
                FundOffsetRecorded,
                SurplusDistributionRecorded,
                PostingReversed {

    Posting posting();

    String contentHash();
}
