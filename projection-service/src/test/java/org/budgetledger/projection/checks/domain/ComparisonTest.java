package org.budgetledger.projection.checks.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tolerance classes of docs/DOMAIN.md#rounding-and-tolerance on single comparisons. */
class ComparisonTest {

    private static Comparison eq(Tolerance tol, long left, long... right) {
        List<Term> parts = new java.util.ArrayList<>();
        for (int i = 0; i < right.length; i++) {
            parts.add(Term.of("p" + i, right[i]));
        }
        return Comparison.evaluate(null, tol, List.of(Term.of("t", left)), Relation.EQ, parts, Severity.ERROR);
    }

    @Test
    void t0ComparesExactFen() {
        assertThat(eq(Tolerance.T0, 30_740_000, 30_740_000).status()).isEqualTo(Status.PASS);
        Comparison off = eq(Tolerance.T0, 30_740_000, 30_740_001);
        assertThat(off.status()).isEqualTo(Status.FAIL);
        assertThat(off.difference()).as("printed values agree").isEqualTo("0.00");
        assertThat(off.exactDifferenceYuan()).isEqualTo("-0.01");
        assertThat(off.render()).contains("exact Δ -0.01 元");
    }

    @Test
    void t1ComparesPrintedValues() {
        assertThat(eq(Tolerance.T1, 30_740_000, 30_744_999).status())
                .as("both print 30.74")
                .isEqualTo(Status.PASS);
        Comparison off = eq(Tolerance.T1, 30_740_000, 30_745_000);
        assertThat(off.status()).as("30.74 vs 30.75").isEqualTo(Status.FAIL);
        assertThat(off.difference()).isEqualTo("-0.01");
    }

    @Test
    void t2AllowsHalfAHundredthPerPrintedTerm() {
        // 1.004 + 1.004 = 2.008: parts print 1.00 and 1.00, the total prints 2.01
        Comparison within = eq(Tolerance.T2, 2_008_000, 1_004_000, 1_004_000);
        assertThat(within.status()).isEqualTo(Status.INFO);
        assertThat(within.note()).contains("取整误差");
        assertThat(within.allowed()).as("0.005 × (2 + 1)").isEqualTo("0.015");
        assertThat(within.difference()).isEqualTo("0.01");
        assertThat(within.leftValue()).isEqualTo("2.01");
        assertThat(within.rightValue()).isEqualTo("2.00");

        assertThat(eq(Tolerance.T2, 2_030_000, 1_004_000, 1_004_000).status())
                .as("0.03 > 0.015")
                .isEqualTo(Status.FAIL);
        assertThat(eq(Tolerance.T2, 2_010_000, 1_000_000, 1_000_000).status())
                .as("0.01 for exact parts too")
                .isEqualTo(Status.INFO);
        assertThat(eq(Tolerance.T2, 2_000_000, 1_000_000, 1_000_000, 0, 0).status())
                .isEqualTo(Status.PASS);
        assertThat(eq(Tolerance.T2, 2_000_000, 1_000_000, 1_000_000, 0, 0).allowed())
                .as("zero parts do not count")
                .isEqualTo("0.015");
    }

    @Test
    void t2CountsPartsThatPrintAsZeroButAreNot() {
        // three parts of 0.004 万元 print 0.00 each; their exact sum 0.012 prints 0.01
        Comparison c = eq(Tolerance.T2, 12_000, 4_000, 4_000, 4_000);
        assertThat(c.allowed()).isEqualTo("0.020");
        assertThat(c.status()).isEqualTo(Status.INFO);
    }

    @Test
    void singlePartDiffersByOneHundredthAtMost() {
        assertThat(eq(Tolerance.T2, 30_750_000, 30_740_000).status())
                .as("0.005 × 2 = 0.01")
                .isEqualTo(Status.INFO);
        assertThat(eq(Tolerance.T2, 30_760_000, 30_740_000).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void warningSeverityWarnsInsteadOfFailing() {
        Comparison c = Comparison.evaluate(
                null, Tolerance.T0, List.of(Term.of("a", 1)), Relation.LE, List.of(Term.zero()), Severity.WARNING);
        assertThat(c.status()).isEqualTo(Status.WARN);
    }

    @Test
    void inequalitiesComparePrintedValues() {
        Comparison c = Comparison.evaluate(
                null,
                Tolerance.T1,
                List.of(Term.of("06/30217/amount", 64_999)),
                Relation.LE,
                List.of(Term.of("07/actual/reception", 60_000)),
                Severity.ERROR);
        assertThat(c.status()).as("0.06 ≤ 0.06 once printed").isEqualTo(Status.PASS);
        assertThat(c.render()).isEqualTo("06/30217/amount 0.06 ≤ 07/actual/reception 0.06 | Δ 0.00 → PASS");
    }

    @Test
    void signedTermsAreSubtracted() {
        Comparison c = Comparison.evaluate(
                "closing_balance",
                Tolerance.T2,
                List.of(Term.of("c", 5_800_000)),
                Relation.EQ,
                List.of(Term.of("o", 3_000_000), Term.of("i", 40_000_000), Term.minus("e", 37_200_000)),
                Severity.ERROR);
        assertThat(c.status()).isEqualTo(Status.PASS);
        assertThat(c.render()).startsWith("[closing_balance] c 5.80 = o 3.00 + i 40.00 − e 37.20 | 5.80 = 5.80");
    }

    @Test
    void worstStatusIgnoresSkippedUnlessAllAre() {
        assertThat(Status.worst(List.of(Status.SKIPPED, Status.PASS))).isEqualTo(Status.PASS);
        assertThat(Status.worst(List.of(Status.INFO, Status.WARN, Status.PASS))).isEqualTo(Status.WARN);
        assertThat(Status.worst(List.of(Status.FAIL, Status.WARN))).isEqualTo(Status.FAIL);
        assertThat(Status.worst(List.of(Status.SKIPPED))).isEqualTo(Status.SKIPPED);
    }
}
