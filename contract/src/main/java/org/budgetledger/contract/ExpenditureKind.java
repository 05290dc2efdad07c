package org.budgetledger.contract;

/**
 * 支出类型 (docs/POSTINGS.md#expenditure-kinds, "expenditureKind"). Fiscal money is spent as BASIC or PROJECT only.
 */
public enum ExpenditureKind {
    BASIC,
    PROJECT,
    REMIT_TO_SUPERIOR,
    BUSINESS,
    SUBSIDY_TO_AFFILIATES;

    public boolean allowedForFiscalMoney() {
        return this == BASIC || this == PROJECT;
    }
}
