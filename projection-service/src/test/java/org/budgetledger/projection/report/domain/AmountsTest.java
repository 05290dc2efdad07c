package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void theSeedsTextAmountsAreThePrintedCellWithoutTrailingZeros() {
        TextNumbers seed = TextNumbers.TRIMMED_2019;
        assertThat(Amounts.printed(1_000_00L)).isEqualTo("0.10");
        assertThat(seed.amount(1_000_00L)).isEqualTo("0.1");
        assertThat(seed.amount(0L)).isEqualTo("0");
        assertThat(seed.amount(49_99L)).isEqualTo("0");
        assertThat(seed.amount(50_00L)).isEqualTo("0.01");
        assertThat(seed.amount(307_400_00L)).isEqualTo("30.74");
        assertThat(seed.amount(1_000_000_00L)).isEqualTo("100");
        assertThat(seed.percent(5, 5)).isEqualTo("100");
    }

    @Test
    void theOfficialStyleWritesTwoDecimalsEverywhere() {
        TextNumbers official = TextNumbers.OFFICIAL;
        assertThat(official.amount(3_610_000_00L)).isEqualTo("361.00");
        assertThat(official.amount(132_000_00L)).isEqualTo("13.20");
        assertThat(official.amount(0L)).isEqualTo("0.00");
        assertThat(official.amount(49_99L)).isEqualTo("0.00");
        assertThat(official.amount(-1_000_00L)).isEqualTo("-0.10");
        assertThat(official.percent(5, 5)).isEqualTo("100.00");
        assertThat(official.percent(1, 8)).isEqualTo("12.50");
        assertThat(official.percent(0, 5)).isEqualTo("0.00");
        assertThat(official.percent(5, 0)).isEqualTo("0.00");
        assertThat(official.percent(2525_00L, 3074_00L)).isEqualTo("82.14");
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
