package org.budgetledger.projection.report.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.budgetledger.contract.Money;

/** Number formats of the disclosure (docs/DOMAIN.md#rounding-and-tolerance): printed 万元 cells and percents ({@link TextNumbers} for the text's style). */
public final class Amounts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Amounts() {}

    /** The printed cell: 万元, 2 decimals, half-up from the exact fen ("30.74", "0.10", "0.00"). */
    public static String printed(long fen) {
        return Money.ofFen(fen).toWanYuan();
    }

    /**
     * Whether an amount (a difference, a budget) prints as zero (rounds to 0.00): {@link Money#printsAsZero()}; a
     * cell's is {@link org.budgetledger.projection.finalaccounts.domain.Cells#printsAsZero}, the same rule.
     */
    public static boolean printsZero(long fen) {
        return Money.ofFen(fen).printsAsZero();
    }

    /**
     * A percent of {@code part} over {@code whole} from the exact amounts, 2 decimals in the given mode (HALF_UP or
     * DOWN), trailing zeros stripped, without the % sign ("100", "82.14"); a zero denominator gives "0".
     */
    public static String percent(long part, long whole, RoundingMode mode) {
        if (whole == 0) {
            return "0";
        }
        BigDecimal p = BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, mode);
        return strip(p);
    }

    static String strip(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }
}
