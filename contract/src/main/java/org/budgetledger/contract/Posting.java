package org.budgetledger.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * A valid posting, typed: what the ledger recorded. Field names are those of docs/POSTINGS.md; fields that do not apply
 * to the posting's type are null. A REVERSAL carries {@code reverses} and {@code reason} and no amount.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Posting(
        String postingId,
        String sourceSystem,
        String unitCode,
        int fiscalYear,
        PostingType type,
        FundSource fundSource,
        String functionalCode,
        String economicCode,
        ExpenditureKind expenditureKind,
        BudgetStage stage,
        Money amount,
        LocalDate occurredOn,
        String description,
        Activity activity,
        Procurement procurement,
        String reverses,
        String reason) {

    public LedgerId ledgerId() {
        return new LedgerId(unitCode, fiscalYear);
    }
}
