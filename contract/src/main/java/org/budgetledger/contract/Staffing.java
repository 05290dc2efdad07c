package org.budgetledger.contract;

/** 编制 and 人员: authorized posts, actual people, of whom active, retired cadres (离休) and retired (退休). */
public record Staffing(Integer authorized, Integer actual, Integer active, Integer retiredCadres, Integer retired) {}
