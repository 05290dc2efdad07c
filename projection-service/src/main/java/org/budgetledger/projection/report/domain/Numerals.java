package org.budgetledger.projection.report.domain;

/** Chinese numerals for list numbering: 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一 (1 … 99). */
public final class Numerals {

    private static final String[] DIGITS = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    private Numerals() {}

    public static String of(int n) {
        if (n < 1 || n > 99) {
            throw new IllegalArgumentException("numeral out of range: " + n);
        }
        int tens = n / 10;
        int ones = n % 10;
        if (tens == 0) {
            return DIGITS[ones];
        }
        return (tens == 1 ? "" : DIGITS[tens]) + "十" + DIGITS[ones];
    }
}
