package org.budgetledger.projection.checks.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared fixtures satisfy every rule. */
class ChecksFixturesTest {

    @Test
    void seedPassesEveryRule() {
        CheckReport report = Checks.report(CheckFixtures.seed());

        assertThat(report.failures()).as(report.render()).isEmpty();
        assertThat(report.withStatus(Status.WARN)).as(report.render()).isEmpty();
        assertThat(report.withStatus(Status.INFO))
                .as("the seed's identities hold with difference 0.00")
                .isEmpty();
        assertThat(report.byRule().keySet())
                .as("every rule answers, in DOMAIN order")
                .containsExactly(
                        "L01", "L02", "L03", "L04", "L05", "L06", "L07", "W01", "W02", "W03", "W04", "W05", "W06",
                        "W07", "W08", "W09", "W10", "W11", "W12", "W13", "W14", "W15", "W16", "W17", "W18", "W19",
                        "X01", "X02", "X03", "X04", "X05", "X06", "X07", "X08", "X09", "X10", "X11", "X12", "X13",
                        "X14", "X15", "X16", "X17");
    }

    @Test
    void seedShowsTheFiguresDomainQuotes() {
        CheckReport report = Checks.report(CheckFixtures.seed());

        Comparison w15 = report.of("W15").get(0).comparisons().get(0);
        assertThat(w15.left())
                .extracting(Term::key, Term::printed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("06/personnel_total/amount", "18.61"));
        assertThat(w15.right()).extracting(Term::printed).containsExactly("18.61", "0.00");
        assertThat(w15.difference()).isEqualTo("0.00");

        Comparison w16 = report.of("W16").get(0).comparisons().get(0);
        assertThat(w16.leftValue()).isEqualTo("12.13");
        assertThat(w16.right())
                .extracting(Term::key, Term::printed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("06/302/amount", "9.27"),
                        org.assertj.core.groups.Tuple.tuple("06/310/amount", "2.86"));

        Comparison x09 = report.of("X09").get(0).comparisons().get(0);
        assertThat(x09.render())
                .contains("05/total/basic 30.74 = 06/personnel_total/amount 18.61 + " + "06/public_total/amount 12.13")
                .contains("PASS");

        CheckResult reception = report.of("X10").stream()
                .filter(r -> r.subject().startsWith("30217"))
                .findFirst()
                .orElseThrow();
        assertThat(reception.status()).isEqualTo(Status.PASS);
        assertThat(reception.comparisons().get(0).render()).contains("06/30217/amount 0.06 ≤ 07/actual/reception 0.06");
        assertThat(report.of("X10").stream()
                        .filter(r -> r.subject().startsWith("30212"))
                        .findFirst()
                        .orElseThrow()
                        .status())
                .as("06/30212 blank: skipped")
                .isEqualTo(Status.SKIPPED);

        CheckResult x15 = report.of("X15").get(0);
        assertThat(x15.comparisons().get(0).relation())
                .as("all units administrative")
                .isEqualTo(Relation.EQ);
        assertThat(x15.comparisons().get(0).leftValue()).isEqualTo("12.13");

        assertThat(report.of("X16").get(0).comparisons())
                .extracting(Comparison::render)
                .anySatisfy(s -> assertThat(s).contains("general/training/amount 0.10 ≥ 06/30216/amount 0.10"));
        assertThat(report.of("L03").get(0).status()).as("no audit sums given").isEqualTo(Status.SKIPPED);
    }

    @Test
    void seedRowRulesGiveOneResultPerRow() {
        CheckReport report = Checks.report(CheckFixtures.seed());

        assertThat(report.of("W07"))
                .extracting(CheckResult::label)
                .contains("W07 02/total", "W07 02/201", "W07 02/20137", "W07 03/206", "W07 05/20601")
                .doesNotContain("W07 08/total");
        assertThat(report.of("W06"))
                .extracting(CheckResult::subject)
                .containsExactly("02/total", "02/201", "02/20137", "02/2013701", "02/206", "02/20601", "02/2060199");
        assertThat(report.of("W14")).extracting(CheckResult::subject).containsExactly("06/301", "06/302", "06/310");
        assertThat(report.of("X04")).extracting(CheckResult::subject).containsExactly("201", "206");
    }

    @Test
    void demoPassesEveryRule() {
        CheckReport report = Checks.report(CheckFixtures.demo());

        assertThat(report.failures()).as(report.render()).isEmpty();
        assertThat(report.withStatus(Status.WARN)).as(report.render()).isEmpty();
        assertThat(report.withStatus(Status.SKIPPED))
                .extracting(CheckResult::label)
                .as("only what the demo has no input for")
                .allSatisfy(l -> assertThat(l).matches("L03|W19 names|X10 .*"));
    }

    @Test
    void demoChecksUnitsAndBalances() {
        CheckReport report = Checks.report(CheckFixtures.demo());

        assertThat(report.of("L04").get(0).message()).contains("over 3 units, 0 differ");
        assertThat(report.of("L01"))
                .extracting(CheckResult::subject)
                .containsExactly("DEMO-WLJ", "DEMO-WLJ-ZFDD", "DEMO-WLJ-WHG");
        assertThat(report.of("L02"))
                .extracting(CheckResult::subject)
                .containsExactly("totals", "08 per 项", "per fund source and 项");
        CheckResult x15 = report.of("X15").get(0);
        assertThat(x15.comparisons().get(0).relation())
                .as("a PUBLIC_INSTITUTION unit")
                .isEqualTo(Relation.LE);
        assertThat(x15.comparisons().get(0).render())
                .contains("ops/operating_costs/amount 61.85 ≤ " + "06/public_total/amount 84.55");
        Map<Status, Integer> summary = report.summary();
        assertThat(summary.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(report.results().size());
        assertThat(summary.get(Status.FAIL)).isZero();
        List<CheckResult> w07 = report.of("W07");
        assertThat(w07).extracting(CheckResult::subject).contains("08/229", "08/22960", "08/total");
    }
}
