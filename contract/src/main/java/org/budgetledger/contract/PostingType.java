package org.budgetledger.contract;

/** What a posting records (docs/POSTINGS.md#posting-types, "type"). */
public enum PostingType {
    /** 财政拨款收入 */
    APPROPRIATION,
    /** other income: 上级补助, 事业, 经营, 附属单位上缴, 其他收入 */
    INCOME,
    EXPENDITURE,
    /** 年初结转和结余 */
    OPENING_BALANCE,
    /** 预算数: never income or expenditure */
    BUDGET,
    /** a government procurement contract signed: never expenditure */
    PROCUREMENT,
    /** 用事业基金弥补收支差额 / 使用非财政拨款结余: adds to the year's resources like income */
    FUND_OFFSET,
    /** 结余分配: uses the year's resources like spending */
    SURPLUS_DISTRIBUTION,
    REVERSAL;

    /** The sign of this type's effect on what a unit's fund source has available; 0 for none. */
    public int availabilityEffect() {
        return switch (this) {
            case APPROPRIATION, INCOME, OPENING_BALANCE, FUND_OFFSET -> 1;
            case EXPENDITURE, SURPLUS_DISTRIBUTION -> -1;
            case BUDGET, PROCUREMENT, REVERSAL -> 0;
        };
    }
}
