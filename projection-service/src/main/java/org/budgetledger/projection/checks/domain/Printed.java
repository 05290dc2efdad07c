package org.budgetledger.projection.checks.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.budgetledger.contract.Money;

/** Printed 万元 arithmetic: a printed value is a whole number of 0.01 万元 (“hundredths”), rounded once per cell. */
final class Printed {

    private Printed() {}

    /** The cell as printed, in 0.01 万元: half-up (away from zero on ties) from exact fen, as {@link Money#toWanYuan()}. */
    static long hundredths(long fen) {
        return BigDecimal.valueOf(fen, 4).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static String wan(long fen) {
        return Money.ofFen(fen).toWanYuan();
    }

    /** A sum or difference of printed values, as a 万元 string with 2 decimals. */
    static String ofHundredths(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2).toPlainString();
    }

    /** T2 allowance for k printed terms: 0.005 × k 万元. */
    static String allowance(int k) {
        return BigDecimal.valueOf(5L * k, 3).toPlainString();
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
