package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.math.RoundingMode;

class AmountsTest {

    @Test
    void narrativeAmountsAreThePrintedCellWithoutTrailingZeros() {
        assertThat(Amounts.printed(1_000_00L)).isEqualTo("0.10");
        assertThat(Amounts.narrative(1_000_00L)).isEqualTo("0.1");
        assertThat(Amounts.narrative(0L)).isEqualTo("0");
        assertThat(Amounts.narrative(49_99L)).isEqualTo("0");
        assertThat(Amounts.narrative(50_00L)).isEqualTo("0.01");
        assertThat(Amounts.narrative(307_400_00L)).isEqualTo("30.74");
        assertThat(Amounts.narrative(1_000_000_00L)).isEqualTo("100");
    }

    @Test
    void percentsComeFromExactAmountsTwoDecimalsHalfUpStripped() {
        assertThat(Amounts.percent(549_00L, 3074_00L, RoundingMode.HALF_UP)).isEqualTo("17.86");
        assertThat(Amounts.percent(2525_00L, 3074_00L, RoundingMode.HALF_UP)).isEqualTo("82.14");
        assertThat(Amounts.percent(5, 5, RoundingMode.HALF_UP)).isEqualTo("100");
        assertThat(Amounts.percent(1, 8, RoundingMode.HALF_UP)).isEqualTo("12.5");
        assertThat(Amounts.percent(0, 5, RoundingMode.HALF_UP)).isEqualTo("0");
        assertThat(Amounts.percent(5, 0, RoundingMode.HALF_UP)).isEqualTo("0");
        assertThat(Amounts.percent(2, 3, RoundingMode.DOWN)).isEqualTo("66.66");
        assertThat(Amounts.percent(2, 3, RoundingMode.HALF_UP)).isEqualTo("66.67");
    }

    @Test
    void numerals() {
        assertThat(Numerals.of(1)).isEqualTo("一");
        assertThat(Numerals.of(10)).isEqualTo("十");
        assertThat(Numerals.of(11)).isEqualTo("十一");
        assertThat(Numerals.of(20)).isEqualTo("二十");
        assertThat(Numerals.of(34)).isEqualTo("三十四");
    }
}
