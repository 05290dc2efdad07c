package org.budgetledger.projection.checks.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.projection.checks.domain.CheckFixtures.fen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.junit.jupiter.api.Test;

/** One figure broken at a time: the right rules fail and name the figures. */
class ChecksMutationTest {

    private static CheckReport check(CheckInput input) {
        return Checks.report(input);
    }

    private static CheckResult only(CheckReport report, String label) {
        return report.results().stream()
                .filter(r -> r.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result " + label + " in\n" + report.render()));
    }

    private static List<String> failingIds(CheckReport report) {
        return report.failures().stream().map(CheckResult::id).distinct().toList();
    }

    @Test
    void brokenIncomeTotalFailsTheRulesThatUseIt() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("01/income.total/amount", fen("31.74"))
                .build());

        // the unit's own figures are unchanged: L04 fails, L01 (checked per unit when units are given) does not
        assertThat(failingIds(report)).as(report.render()).containsExactlyInAnyOrder("L04", "W01", "W03", "X01", "X13");
        Comparison w01 = only(report, "W01").comparisons().get(0);
        assertThat(w01.status()).isEqualTo(Status.FAIL);
        assertThat(w01.left())
                .extracting(Term::key, Term::printed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("01/income.total/amount", "31.74"));
        assertThat(w01.right())
                .extracting(Term::key)
                .startsWith("01/income.general_budget/amount", "01/income.government_fund/amount");
        assertThat(w01.rightValue()).isEqualTo("30.74");
        assertThat(w01.difference()).isEqualTo("1.00");
        assertThat(w01.render()).contains("01/income.total/amount 31.74 = 01/income.general_budget/amount 30.74");
        assertThat(only(report, "X01").comparisons().get(0).render())
                .isEqualTo("01/income.total/amount 31.74 = 02/total/total 30.74 | Δ 1.00 → FAIL");
        assertThat(only(report, "L04").comparisons())
                .extracting(Comparison::label)
                .containsExactly("01/income.total/amount");
        assertThat(report.render()).contains("W01  FAIL  T2");
    }

    @Test
    void aOneHundredthDifferenceOnOnePartIsRounding() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("06/public_total/amount", fen("12.14"))
                .build());

        assertThat(only(report, "W16").status())
                .as("12.14 vs 9.27 + 2.86: allowed 0.015")
                .isEqualTo(Status.INFO);
        assertThat(only(report, "X09").status())
                .as("30.74 vs 18.61 + 12.14: allowed 0.015")
                .isEqualTo(Status.INFO);
        assertThat(only(report, "X15").status()).as("T1: 12.13 ≠ 12.14").isEqualTo(Status.FAIL);
    }

    @Test
    void roundingInExactFiguresGivesInfoNotFail() {
        // 301's 款 carry fractions of a hundredth: 5.134 + 4.124 + … = 18.618, printed 18.62 against Σ printed 18.61
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("06/30101/amount", 5_134_000)
                .cell("06/30102/amount", 4_124_000)
                .cell("06/301/amount", 18_618_000)
                .cell("06/personnel_total/amount", 18_618_000)
                .build());

        CheckResult w14 = only(report, "W14 06/301");
        assertThat(w14.status()).isEqualTo(Status.INFO);
        Comparison c = w14.comparisons().get(0);
        assertThat(c.leftValue()).isEqualTo("18.62");
        assertThat(c.rightValue()).isEqualTo("18.61");
        assertThat(c.allowed()).as("9 non-zero 款 + 1").isEqualTo("0.050");
        assertThat(c.note()).contains("取整误差");
        assertThat(only(report, "W15").status()).isEqualTo(Status.PASS);
        assertThat(report.render()).contains("W14 06/301  INFO  T2");
    }

    @Test
    void operatingCostsMayBeSmallerWithAPublicInstitution() {
        CheckInput seed = CheckFixtures.seed();
        UnitFigures office = seed.units().get(0);
        CheckInput withInstitution = seed.toBuilder()
                .cell("ops/operating_costs/amount", fen("10.00"))
                .units(List.of(office, UnitFigures.kindOnly("HT-CAC-X", UnitKind.PUBLIC_INSTITUTION)))
                .build();

        CheckResult x15 = only(check(withInstitution), "X15");
        assertThat(x15.status()).isEqualTo(Status.PASS);
        assertThat(x15.comparisons().get(0).render())
                .isEqualTo("ops/operating_costs/amount 10.00 ≤ 06/public_total/amount 12.13 | Δ -2.13 → PASS");
        assertThat(x15.message()).contains("PUBLIC_INSTITUTION");

        CheckResult administrative =
                only(check(withInstitution.toBuilder().units(List.of(office)).build()), "X15");
        assertThat(administrative.status())
                .as("all ADMINISTRATIVE: must be equal")
                .isEqualTo(Status.FAIL);
        assertThat(administrative.comparisons().get(0).render())
                .contains("ops/operating_costs/amount 10.00 = 06/public_total/amount 12.13");

        CheckResult unknown =
                only(check(withInstitution.toBuilder().units(List.of()).build()), "X15");
        assertThat(unknown.status()).isEqualTo(Status.PASS);
        assertThat(unknown.message()).contains("unit kinds not given");

        CheckResult larger = only(
                check(withInstitution.toBuilder()
                        .cell("ops/operating_costs/amount", fen("13.00"))
                        .build()),
                "X15");
        assertThat(larger.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void departmentThatIsNotTheSumOfItsUnits() {
        CheckInput demo = CheckFixtures.demo();
        List<UnitFigures> units = new ArrayList<>(demo.units());
        UnitFigures library = units.get(2);
        String key = library.self().keys().stream()
                .filter(k -> k.startsWith("06/302"))
                .sorted()
                .findFirst()
                .orElseThrow();
        Map<String, Long> self = new HashMap<>(library.self().asMap());
        self.merge(key, fen("1.00"), Long::sum);
        units.set(2, new UnitFigures(library.unitCode(), library.kind(), Cells.copyOf(self)));

        CheckReport report = check(demo.toBuilder().units(units).build());

        CheckResult l04 = only(report, "L04");
        assertThat(l04.status()).isEqualTo(Status.FAIL);
        assertThat(l04.comparisons()).extracting(Comparison::label).containsExactly(key);
        Comparison c = l04.comparisons().get(0);
        assertThat(c.left()).extracting(Term::key).containsExactly(key);
        assertThat(c.right()).extracting(Term::key).contains(library.unitCode() + ":" + key);
        assertThat(c.difference()).isEqualTo("-1.00");
        assertThat(l04.message()).contains("1 differ");
        assertThat(failingIds(report))
                .as("the unit's own tables no longer add up either")
                .contains("L04")
                .doesNotContain("W14", "X09");
    }

    @Test
    void basicSpendingOnReceptionBeyondTheSanGongFigure() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("06/30217/amount", fen("0.07"))
                .build());

        CheckResult x10 = only(report, "X10 30217 ≤ reception");
        assertThat(x10.status()).isEqualTo(Status.FAIL);
        assertThat(x10.comparisons().get(0).render())
                .isEqualTo("06/30217/amount 0.07 ≤ 07/actual/reception 0.06 | Δ 0.01 → FAIL");
    }

    @Test
    void anItemWithoutItsParentRowsBreaksTheHierarchy() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("02/2013799/total", fen("1.00"))
                .build());

        CheckResult w07 = only(report, "W07 02/20137");
        assertThat(w07.status()).isEqualTo(Status.FAIL);
        assertThat(w07.comparisons().get(0).label()).isEqualTo("total");
        assertThat(w07.comparisons().get(0).right())
                .extracting(Term::key)
                .containsExactly("02/2013701/total", "02/2013799/total");
        assertThat(only(report, "W06 02/2013799").status()).isEqualTo(Status.FAIL);
        assertThat(only(report, "W19 catalogue").status())
                .as("2013799 is a 2019 code")
                .isEqualTo(Status.PASS);
    }

    @Test
    void overspentBudgetTypeIsAnError() {
        // without per-unit figures L01 checks the department's
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .units(List.of())
                .cell("04/expenditure.total/general_budget", fen("31.74"))
                .build());

        CheckResult l01 = only(report, "L01 HT-CAC");
        assertThat(l01.status()).isEqualTo(Status.FAIL);
        assertThat(l01.failing())
                .extracting(Comparison::label)
                .contains("general_budget: closing balance", "general_budget: not negative");
    }

    @Test
    void negativeItemBalanceIsOnlyAWarning() {
        Map<String, Long> cells = new TreeMap<>(Map.of(
                "08/2296003/opening_balance",
                fen("1.00"),
                "08/2296003/expenditure",
                fen("3.00"),
                "08/2296003/project",
                fen("3.00"),
                "08/2296003/closing_balance",
                fen("-2.00")));
        CheckReport report = check(CheckInput.builder("X", 2019, cells).build());

        CheckResult item = only(report, "L01 X 08/2296003");
        assertThat(item.status()).isEqualTo(Status.WARN);
        assertThat(item.severity()).isEqualTo(Severity.WARNING);
        assertThat(item.comparisons().get(0).render()).contains("08/2296003/closing_balance -2.00 ≥ 0 0.00");
    }

    @Test
    void postingLevelWarningsWarn() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .postingCounts(new PostingCounts(2, 1, 3))
                .build());

        for (String id : List.of("L05", "L06", "L07")) {
            CheckResult r = only(report, id);
            assertThat(r.status()).as(id).isEqualTo(Status.WARN);
            assertThat(r.severity()).isEqualTo(Severity.WARNING);
        }
        assertThat(only(report, "L05").message()).startsWith("2 fiscal EXPENDITURE postings");
        assertThat(report.failures()).isEmpty();

        CheckResult l07 = only(
                check(CheckFixtures.seed().toBuilder()
                        .postingCounts(null)
                        .cell("01/income.state_capital/amount", fen("1.00"))
                        .build()),
                "L07");
        assertThat(l07.status()).isEqualTo(Status.WARN);
        assertThat(l07.message()).contains("01/income.state_capital/amount");
        assertThat(only(
                                check(CheckFixtures.demo().toBuilder()
                                        .postingCounts(new PostingCounts(0, 0, 3))
                                        .build()),
                                "L07")
                        .status())
                .as("2020 has 国有资本经营 rows")
                .isEqualTo(Status.PASS);
    }

    @Test
    void withoutPostingCountsL05IsDerivedFromTheTables() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .postingCounts(null)
                .cell("05/total/subtotal", fen("30.80"))
                .build());

        CheckResult l05 = only(report, "L05");
        assertThat(l05.status()).isEqualTo(Status.WARN);
        assertThat(l05.message()).contains("posting counts not given");
    }

    @Test
    void openingBalancesDifferingFromLastYearsClosing() {
        CheckInput demo = CheckFixtures.demo();
        Map<BalanceKey, Long> previous = new TreeMap<>(demo.previousClosing());
        previous.put(new BalanceKey(FundSource.GENERAL_BUDGET, "2070109"), fen("8.64"));
        previous.put(new BalanceKey(FundSource.GOVERNMENT_FUND, "2296002"), fen("0.50"));

        CheckReport report = check(demo.toBuilder().previousClosing(previous).build());

        assertThat(only(report, "L02 totals").failing())
                .extracting(Comparison::label)
                .containsExactly("all sources", "general_budget", "government_fund");
        assertThat(only(report, "L02 08 per 项").failing())
                .extracting(Comparison::label)
                .containsExactly("2296002");
        assertThat(only(report, "L02 per fund source and 项").failing())
                .extracting(Comparison::label)
                .containsExactly("general_budget 2070109", "government_fund 2296002");
        assertThat(only(report, "L02 per fund source and 项").failing().get(0).render())
                .contains("2020 opening general_budget 2070109 8.65 = 2019 closing general_budget 2070109 8.64");
    }

    @Test
    void auditLinesMustAddUpExactly() {
        CheckInput seed = CheckFixtures.seed();
        Map<String, Long> audit = new TreeMap<>(seed.cells().asMap());
        assertThat(only(check(seed.toBuilder().auditSums(audit).build()), "L03").status())
                .isEqualTo(Status.PASS);

        audit.merge("06/30201/amount", 1L, Long::sum);
        CheckResult l03 = only(check(seed.toBuilder().auditSums(audit).build()), "L03");
        assertThat(l03.status()).isEqualTo(Status.FAIL);
        assertThat(l03.comparisons()).extracting(Comparison::label).containsExactly("06/30201/amount");
        assertThat(l03.comparisons().get(0).render()).contains("exact Δ -0.01 元");
    }

    @Test
    void malformedKeysUnknownCodesAndWrongNames() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("02/2013/total", fen("1.00"))
                .cell("06/public/amount", 0)
                .cell("03/2013777/total", fen("1.00"))
                .printedNames(Map.of("2013701", "行政运行", "201", "一般公共服务"))
                .build());

        CheckResult keys = only(report, "W19 cell keys");
        assertThat(keys.status()).isEqualTo(Status.FAIL);
        assertThat(keys.message())
                .contains("02/2013/total (functional code: 4 digits, expected 3/5/7)")
                .contains("06/public/amount");
        CheckResult catalogue = only(report, "W19 catalogue");
        assertThat(catalogue.status()).isEqualTo(Status.FAIL);
        assertThat(catalogue.message()).endsWith("not in the 2019 catalogue (code or a parent): 2013777 (功能)");
        CheckResult names = only(report, "W19 names");
        assertThat(names.status()).isEqualTo(Status.FAIL);
        assertThat(names.message()).isEqualTo("201: printed «一般公共服务», catalogue «一般公共服务支出»");
    }

    @Test
    void governmentFundFiguresWithoutTable08() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("08/total/income", fen("1.00"))
                .build());

        CheckResult x12 = only(report, "X12 04 government_fund ⇔ 08");
        assertThat(x12.status()).isEqualTo(Status.FAIL);
        assertThat(x12.message()).isEqualTo("04 government_fund: all zero; 08: 1 non-zero cells");
        assertThat(only(report, "X08 totals").failing())
                .extracting(Comparison::label)
                .containsExactly("income");
    }

    @Test
    void otherPublicExpenseClassesAreFlagged() {
        CheckReport report = check(CheckFixtures.seed().toBuilder()
                .cell("06/399/amount", fen("0.50"))
                .cell("06/39999/amount", fen("0.50"))
                .cell("06/public_total/amount", fen("12.63"))
                .build());

        assertThat(only(report, "W16").status()).isEqualTo(Status.PASS);
        CheckResult flagged = only(report, "W16 06/399");
        assertThat(flagged.status()).isEqualTo(Status.WARN);
        assertThat(flagged.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void onlyCellsGivenSkipsWhatNeedsMore() {
        CheckInput seed = CheckFixtures.seed();
        CheckReport report = check(CheckInput.builder(seed.unitCode(), seed.fiscalYear(), seed.cells())
                .build());

        assertThat(report.failures()).isEmpty();
        assertThat(report.withStatus(Status.SKIPPED))
                .extracting(CheckResult::label)
                .contains("L02", "L03", "L04", "W19 catalogue", "W19 names");
        assertThat(only(report, "L02").message()).isEqualTo("the previous year's closing balances were not given");
        assertThat(only(report, "L01 HT-CAC").message()).contains("consolidated");
        assertThat(report.render()).contains("L04 SKIPPED: per-unit self figures were not given");
    }
}
