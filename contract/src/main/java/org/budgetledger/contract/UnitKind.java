package org.budgetledger.contract;

/** 单位性质: 行政单位, 参照公务员法管理事业单位, 事业单位, other. */
public enum UnitKind { ADMINISTRATIVE, CIVIL_SERVICE_MANAGED, PUBLIC_INSTITUTION, OTHER }
