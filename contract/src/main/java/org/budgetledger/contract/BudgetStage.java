package org.budgetledger.contract;

/** 年初预算 (INITIAL), 调增 (INCREASE), 调减 (DECREASE): 全年预算 = INITIAL + INCREASE − DECREASE. */
public enum BudgetStage {
    INITIAL,
    INCREASE,
    DECREASE
}
