package org.budgetledger.projection.finalaccounts.domain;

import java.util.HashMap;
import java.util.Map;
import org.budgetledger.contract.Posting;

/**
 * Spending and income by the month they occurred in (occurredOn), for dashboards: linear in postings like every
 * figure, kept as facts beside the cells. Keys: facts/month/{MM}/{expenditure|expenditure.basic|expenditure.project|income}.
 */
public final class MonthlyFacts {

    private MonthlyFacts() {}

    public static Map<String, Long> contributions(Posting p) {
        Map<String, Long> facts = new HashMap<>();
        if (p.occurredOn() == null || p.amount() == null) {
            return facts;
        }
        int month = p.occurredOn().getMonthValue();
        long fen = p.amount().fen();
        switch (p.type()) {
            case EXPENDITURE -> {
                facts.put(CellKeys.monthFact(month, CellKeys.EXPENDITURE), fen);
                if (p.expenditureKind() != null) {
                    facts.put(
                            CellKeys.monthFact(
                                    month, CellKeys.row(CellKeys.EXPENDITURE, CellKeys.word(p.expenditureKind()))),
                            fen);
                }
            }
            case APPROPRIATION, INCOME -> facts.put(CellKeys.monthFact(month, CellKeys.INCOME), fen);
            default -> {
                // budgets, procurement, opening balances and offsets are not a month's flow
            }
        }
        return facts;
    }
}
