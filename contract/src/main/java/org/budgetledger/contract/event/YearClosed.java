package org.budgetledger.contract.event;

import java.util.List;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;

/**
 * The year was closed: no further postings. Its closing balances (年末结转和结余) per fund source, functional code
 * and basic/project become the next year's OPENING_BALANCE postings, whose ids are listed here (traceable both ways).
 */
public record YearClosed(String unitCode, int fiscalYear, List<ClosingBalance> closingBalances, Recording recording)
        implements LedgerEvent {

    /** {@code openingPostingId} is the next year's OPENING_BALANCE posting (source system "year-close"), if any. */
    public record ClosingBalance(
            FundSource fundSource,
            String functionalCode,
            ExpenditureKind expenditureKind,
            Money amount,
            String openingPostingId) {}
}
