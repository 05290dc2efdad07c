package org.budgetledger.projection.finalaccounts;

import java.util.HashMap;
import java.util.Map;
import org.budgetledger.contract.Posting;
import org.budgetledger.projection.finalaccounts.domain.CellRouting;
import org.budgetledger.projection.finalaccounts.domain.MonthlyFacts;
import org.budgetledger.projection.report.domain.Facts;

/**
 * Everything one posting adds to its ledger's figures: the published cells and the facts kept beside them (months
 * for dashboards; budgets per 项 and activity counts for the 情况说明).
 */
public final class Contributions {

    private Contributions() {}

    public static Map<String, Long> of(Posting posting) {
        Map<String, Long> all = new HashMap<>(CellRouting.contributions(posting));
        MonthlyFacts.contributions(posting).forEach((k, v) -> all.merge(k, v, Math::addExact));
        Facts.contributions(posting).forEach((k, v) -> all.merge(k, v, Math::addExact));
        return all;
    }
}
