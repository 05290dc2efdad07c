package org.budgetledger.projection.journal;

import java.util.HashMap;
import java.util.Map;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;

/**
 * A straightforward recomputation from a ledger's journal, for the checks: every cell as the sum of its audit lines,
 * balances per fund source and 项, and the posting counts behind the warnings. Reversals count negatively.
 */
public final class JournalTotals {

    /** Fund source and 7-digit functional code. */
    public record Balance(FundSource fundSource, String functionalCode) {}

    private final Map<String, Long> cells = new HashMap<>();
    private final Map<Balance, Long> opening = new HashMap<>();
    private final Map<Balance, Long> closing = new HashMap<>();
    private int fiscalExpenditureOtherKind;
    private int smallMicroWithoutSme;
    private int stateCapital;

    public void add(JournalEntry entry) {
        int sign = entry.sign();
        Posting p = entry.routed();
        entry.contributions().forEach((k, fen) -> cells.merge(k, fen, Math::addExact));
        if (p.fundSource() == FundSource.STATE_CAPITAL) {
            stateCapital += sign;
        }
        if (p.type() == PostingType.EXPENDITURE
                && p.fundSource().fiscal()
                && p.expenditureKind() != ExpenditureKind.BASIC
                && p.expenditureKind() != ExpenditureKind.PROJECT) {
            fiscalExpenditureOtherKind += sign;
        }
        if (p.type() == PostingType.PROCUREMENT
                && p.procurement() != null
                && p.procurement().smallMicroAwarded()
                && !p.procurement().smeAwarded()) {
            smallMicroWithoutSme += sign;
        }
        int effect = p.type().availabilityEffect();
        if (effect != 0) {
            Balance b = new Balance(p.fundSource(), p.functionalCode());
            closing.merge(b, sign * effect * p.amount().fen(), Math::addExact);
            if (p.type() == PostingType.OPENING_BALANCE) {
                opening.merge(b, sign * p.amount().fen(), Math::addExact);
            }
        }
    }

    public Map<String, Long> cells() {
        return cells;
    }

    public Map<Balance, Long> opening() {
        return opening;
    }

    public Map<Balance, Long> closing() {
        return closing;
    }

    public int fiscalExpenditureOtherKind() {
        return fiscalExpenditureOtherKind;
    }

    public int smallMicroWithoutSme() {
        return smallMicroWithoutSme;
    }

    public int stateCapital() {
        return stateCapital;
    }
}
