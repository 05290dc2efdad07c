package org.budgetledger.contract;

/** 单位性质: 行政单位, 参照公务员法管理事业单位, 事业单位, other. */
public enum UnitKind {
    ADMINISTRATIVE,
    CIVIL_SERVICE_MANAGED,
    PUBLIC_INSTITUTION,
    OTHER;

    /**
     * Whether the unit reports 机关运行经费: administrative units and those managed as the civil service do, and
     * theirs is their 公用经费 (table 06's public total).
     */
    public boolean reportsOperatingCosts() {
        return this == ADMINISTRATIVE || this == CIVIL_SERVICE_MANAGED;
    }
}
