package org.budgetledger.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount of CNY in fen (0.01 yuan). On the wire it is a yuan string with two decimals ("4275.50"),
 * never a binary float. Published figures are 万元 strings rounded half-up once, from the exact total.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);
    /** 999 999 999 999.99 yuan: the largest amount a single posting may carry (docs/POSTINGS.md#amounts-and-dates). */
    public static final Money MAX_POSTING = new Money(99_999_999_999_999L);

    public static Money ofFen(long fen) {
        return new Money(fen);
    }

    /**
     * Parses a yuan amount with at most two decimals ("12", "12.3", "-12.30"). Rejects anything else, including
     * exponents and more decimals, so no amount is ever silently rounded.
     */
    @JsonCreator
    public static Money parse(String yuan) {
        if (yuan == null || !yuan.matches("-?\\d{1,15}(\\.\\d{1,2})?")) {
            throw new IllegalArgumentException("not a yuan amount with at most 2 decimals: " + yuan);
        }
        return new Money(new BigDecimal(yuan).movePointRight(2).longValueExact());
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    /** An amount printed in 万元 (at most 6 decimals: exact to the fen). */
    public static Money ofWanYuan(BigDecimal wan) {
        return new Money(wan.movePointRight(6).longValueExact());
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, other.fen));
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public BigDecimal yuan() {
        return BigDecimal.valueOf(fen, 2);
    }

    /** 万元 with two decimals, rounded half-up (away from zero on ties) from the exact fen amount. */
    public String toWanYuan() {
        return BigDecimal.valueOf(fen, 6).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * Whether the amount prints as 0.00 万元 (under 50 yuan either way), the one test of "prints as zero": such a cell
     * is left out of the published figures. BigDecimal has no negative zero, so a tiny negative prints 0.00 too.
     */
    public boolean printsAsZero() {
        return toWanYuan().equals("0.00");
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    @JsonValue
    @Override
    public String toString() {
        return yuan().toPlainString();
    }
}
