package org.budgetledger.projection.report.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the 情况说明 writes amounts (万元) and percents: the official style of the 决算 software, two decimals always
 * ("361.00万元", "占100.00%"), or the trimmed style the seed's office published in 2019 ("0.1万元", "占100%"), kept
 * so that the seed's text is reproduced word for word. Percents round in the template's mode (HALF_UP or DOWN).
 */
public record TextNumbers(boolean twoDecimals, RoundingMode percentMode) {

    /** Two decimals everywhere, percents half up: every template from 2020. */
    public static final TextNumbers OFFICIAL = new TextNumbers(true, RoundingMode.HALF_UP);

    /** Trailing zeros stripped, as the seed's 2019 text prints them. */
    public static final TextNumbers TRIMMED_2019 = new TextNumbers(false, RoundingMode.HALF_UP);

    /** A cell's 万元 as the text prints it: from the printed (rounded) cell. */
    public String amount(long fen) {
        BigDecimal printed = new BigDecimal(Amounts.printed(fen));
        return twoDecimals ? printed.toPlainString() : Amounts.strip(printed);
    }

    /** {@code part} over {@code whole} in percent from the exact amounts; a zero denominator gives 0. */
    public String percent(long part, long whole) {
        String p = Amounts.percent(part, whole, percentMode);
        return twoDecimals
                ? new BigDecimal(p).setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                : p;
    }
}
