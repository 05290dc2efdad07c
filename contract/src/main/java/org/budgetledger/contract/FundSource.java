package org.budgetledger.contract;

/** 资金来源 (docs/POSTINGS.md#fund-sources, "fundSource"). The first three are fiscal (财政拨款). */
public enum FundSource {
    GENERAL_BUDGET(true),
    GOVERNMENT_FUND(true),
    STATE_CAPITAL(true),
    SUPERIOR_SUBSIDY(false),
    OPERATING(false),
    BUSINESS(false),
    AFFILIATE_REMITTANCE(false),
    OTHER(false);

    private final boolean fiscal;

    FundSource(boolean fiscal) {
        this.fiscal = fiscal;
    }

    public boolean fiscal() {
        return fiscal;
    }
}
