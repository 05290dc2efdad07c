package org.budgetledger.projection.signals.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.contract.Money;

/**
 * The figures of a signal, written one way by every detector: an amount as the cells answer prints it (万元, two
 * decimals, rounded half-up once from the exact fen) with its exact yuan beside it under {@code nameYuan} (as the audit
 * trail's {@code exactYuan}); a share in percent, two decimals, half-up, from exact amounts (0 over a zero whole).
 */
final class FigureMap {

    private final Map<String, Object> figures = new LinkedHashMap<>();

    FigureMap money(String name, long fen) {
        Money money = Money.ofFen(fen);
        figures.put(name, money.toWanYuan());
        figures.put(name + "Yuan", money.toString());
        return this;
    }

    FigureMap share(String name, long part, long whole) {
        figures.put(name, percent(part, whole).toPlainString());
        return this;
    }

    FigureMap put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    Map<String, Object> build() {
        return figures;
    }

    /** part / whole in percent, two decimals, half-up; 0.00 when whole is 0. */
    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** Whether part / whole, in percent, is above {@code threshold}: compared exactly, never on a rounded share. */
    static boolean above(long part, long whole, BigDecimal threshold) {
        return whole > 0
                && BigDecimal.valueOf(part)
                                .multiply(BigDecimal.valueOf(100))
                                .compareTo(threshold.multiply(BigDecimal.valueOf(whole)))
                        > 0;
    }

    /** A threshold as the figures print it: "25", "12.5". */
    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
