package org.budgetledger.projection.finalaccounts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.projection.checks.domain.BalanceKey;
import org.budgetledger.projection.checks.domain.CheckInput;
import org.budgetledger.projection.checks.domain.CheckReport;
import org.budgetledger.projection.checks.domain.CheckResult;
import org.budgetledger.projection.checks.domain.Checks;
import org.budgetledger.projection.checks.domain.Status;
import org.budgetledger.projection.checks.domain.UnitFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the final-accounts figures over random, valid posting streams ({@link RandomLedgerStream}): several
 * units of one department and fiscal year, 20–200 postings of every type. Seeds are fixed, so every run checks the
 * same cases and a failure names its seed ({@code RandomLedgerStream.of(seed)} rebuilds the stream).
 * <ul>
 *   <li>(a) the published cells satisfy every rule of docs/DOMAIN.md#validation-rules that the inputs allow (Checks with the
 *       consolidated cells, every unit's self figures, independent audit sums, opening balances, posting counts and
 *       the 2019 catalogues): no FAIL, and WARN only where the stream deliberately holds a valid posting that the
 *       rules flag with an (inferred) warning;</li>
 *   <li>(b) the routed figures equal a naive recomputation from the postings ({@link NaiveCells}), exactly, for
 *       the department, every sub-department and every unit alone, and use only keys of docs/CELLS.md;</li>
 *   <li>(c) reversing everything returns every figure to zero; posting the stream twice doubles every figure; the
 *       published 万元 are rounded once from the exact fen.</li>
 * </ul>
 */
class RandomStreamsPropertyTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    static LongStream fewerSeeds() {
        return LongStream.rangeClosed(1, 50);
    }

    /** The cell-key grammar of docs/CELLS.md (2019 tables, explanatory figures and the 2020+ state-capital keys). */
    private static final String FN = "(total|\\d{3}|\\d{5}|\\d{7})";

    private static final String SOURCES =
            "(general_budget|government_fund|state_capital|superior_subsidy|operating|business|affiliate_remittance|other)";
    private static final String BUDGET_TYPES = "(general_budget|government_fund|state_capital)";
    private static final Pattern GRAMMAR = Pattern.compile(String.join(
            "|",
            "01/income\\.(" + SOURCES + "|total|business_fund_offset|opening_balance|grand_total)/amount",
            "01/expenditure\\.(\\d{3}|total|surplus_distribution|closing_balance|grand_total)/amount",
            "02/" + FN + "/(total|fiscal|superior_subsidy|operating|business|affiliate_remittance|other)",
            "03/" + FN + "/(total|basic|project|remit_to_superior|business|subsidy_to_affiliates)",
            "04/income\\.(" + BUDGET_TYPES + "|total|opening_balance|opening_balance\\." + BUDGET_TYPES
                    + "|grand_total)/amount",
            "04/expenditure\\.(\\d{3}|total|closing_balance|grand_total)/(total|" + BUDGET_TYPES + ")",
            "05/" + FN + "/(subtotal|basic|project)",
            "06/(\\d{3}|\\d{5}|personnel_total|public_total)/amount",
            "07/(budget|actual)/(total|overseas_travel|vehicles|vehicle_purchase|vehicle_operation|reception)",
            "0[89]/" + FN + "/(opening_balance|income|expenditure|basic|project|closing_balance)",
            "ops/operating_costs/amount",
            "general/(meetings|training|festivals)/amount",
            "procurement/(total|goods|works|services|sme|small_micro)/amount"));

    // -------------------------------------------------------------------------------------------------- (a)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void publishedCellsSatisfyEveryBalanceRule(long seed) {
        RandomLedgerStream s = RandomLedgerStream.of(seed);
        Map<String, Figures> self = s.selfWithOperatingCosts(s.self(s.postings));
        Figures department = s.consolidated(self, s.root);
        List<NaiveCells.Line> lines = NaiveCells.lines(s.postings, u -> s.isWithin(u, s.root));
        Map<String, Long> auditSums = NaiveCells.compute(lines, s.kinds);
        Map<BalanceKey, Long> opening = NaiveCells.openingBalances(lines);
        List<UnitFigures> units = new ArrayList<>();
        self.forEach((u, f) -> units.add(new UnitFigures(u, s.kinds.get(u), Cells.copyOf(f.fen()))));

        CheckReport report = Checks.report(CheckInput.builder(s.root, RandomLedgerStream.YEAR, department.fen())
                .units(units)
                .auditSums(auditSums)
                .openingBalances(opening)
                // as if the previous year had closed with exactly these balances: L02 then compares the
                // OPENING_BALANCE postings with 01, 04 and 08 per 项 instead of being skipped
                .previousClosing(opening)
                .postingCounts(NaiveCells.postingCounts(lines))
                .catalogues(RandomLedgerStream.FUNCTIONAL, RandomLedgerStream.ECONOMIC)
                .build());

        // The only valid postings the rules flag: STATE_CAPITAL in a 2019 ledger (L07) and general BASIC spending on an
        // economic 类 other than 301/302/303/310 (W16), each an (inferred) warning, predicted from the postings.
        Set<String> expectedWarnings = new TreeSet<>();
        if (NaiveCells.postingCounts(lines).stateCapitalPostings() > 0) {
            expectedWarnings.add("L07");
        }
        auditSums.keySet().stream()
                .filter(k -> k.matches("06/\\d{3}/amount"))
                .map(k -> k.substring(3, 6))
                .filter(k -> !Set.of("301", "302", "303", "310").contains(k))
                .forEach(k -> expectedWarnings.add("W16 06/" + k));

        List<String> failing = report.results().stream()
                .filter(r -> r.status() == Status.FAIL)
                .map(r -> r.render(true))
                .toList();
        Set<String> warnings = new TreeSet<>();
        report.results().stream()
                .filter(r -> r.status() == Status.WARN)
                .map(CheckResult::label)
                .forEach(warnings::add);
        assertThat(failing).as("%s%n%s", s, report.render()).isEmpty();
        assertThat(warnings).as("%s%n%s", s, report.render()).isEqualTo(expectedWarnings);
        // not vacuous: the rules that need the extra inputs ran and passed
        Map<String, Status> byRule = report.byRule();
        for (String id : List.of("L01", "L02", "L03", "L04", "L05", "L06", "W19", "X15")) {
            assertThat(byRule.get(id)).as("%s: %s%n%s", s, id, report.render()).isEqualTo(Status.PASS);
        }
        assertThat(report.of("L03").get(0).message()).as("%s", s).doesNotContain("had no audit sum");
    }

    // -------------------------------------------------------------------------------------------------- (b)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void routedFiguresEqualANaiveRecomputation(long seed) {
        RandomLedgerStream s = RandomLedgerStream.of(seed);
        Map<String, Figures> self = s.selfWithOperatingCosts(s.self(s.postings));
        Map<String, Figures> routed = new LinkedHashMap<>();
        Map<String, Map<String, Long>> naive = new LinkedHashMap<>();
        for (String d : s.departments()) {
            routed.put("department " + d, s.consolidated(self, d));
            naive.put(
                    "department " + d,
                    NaiveCells.compute(NaiveCells.lines(s.postings, u -> s.isWithin(u, d)), s.kinds));
        }
        for (String u : s.kinds.keySet()) {
            routed.put("unit " + u, self.get(u));
            naive.put("unit " + u, NaiveCells.compute(NaiveCells.lines(s.postings, u::equals), s.kinds));
        }

        List<String> problems = new ArrayList<>();
        routed.forEach((scope, figures) -> {
            diff(figures.fen(), naive.get(scope)).forEach(d -> problems.add(scope + ": " + d));
            figures.fen().keySet().stream()
                    .filter(k -> !GRAMMAR.matcher(k).matches())
                    .forEach(k -> problems.add(scope + ": key outside docs/CELLS.md: " + k));
        });
        assertThat(problems).as("%s", s).isEmpty();
        assertThat(naive.get("department " + s.root)).as("%s", s).isNotEmpty();
    }

    // -------------------------------------------------------------------------------------------------- (c)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewerSeeds")
    void reversingEveryPostingInReverseOrderBringsEveryFigureBackToZero(long seed) {
        RandomLedgerStream s = RandomLedgerStream.of(seed);
        assertThat(s.consolidated(s.selfWithOperatingCosts(s.self(s.postings)), s.root)
                        .fen())
                .isNotEmpty();

        List<Posting> undone = s.withEverythingReversed();
        Map<String, Figures> self = s.selfWithOperatingCosts(s.self(undone));
        self.forEach((u, f) -> assertThat(f.fen()).as("%s unit %s", s, u).isEmpty());
        for (String d : s.departments()) {
            Figures department = s.consolidated(self, d);
            assertThat(department.fen()).as("%s department %s", s, d).isEmpty();
            assertThat(department.published()).as("%s department %s", s, d).isEmpty();
        }
        assertThat(NaiveCells.compute(NaiveCells.lines(undone, u -> true), s.kinds))
                .as("%s", s)
                .isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewerSeeds")
    void postingTheStreamTwiceDoublesEveryFigureExactly(long seed) {
        RandomLedgerStream s = RandomLedgerStream.of(seed);
        Map<String, Figures> once = scopes(s, s.postings);
        Map<String, Figures> twice = scopes(s, s.twice());
        once.forEach((scope, f) -> {
            Map<String, Long> doubled = new TreeMap<>();
            f.fen().forEach((k, v) -> doubled.put(k, Math.multiplyExact(2, v)));
            assertThat(twice.get(scope).fen()).as("%s %s", s, scope).isEqualTo(doubled);
            assertThat(twice.get(scope).published()).as("%s %s", s, scope).isEqualTo(roundedOnce(doubled));
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewerSeeds")
    void publishedWanYuanIsRoundedOnceFromTheExactFen(long seed) {
        RandomLedgerStream s = RandomLedgerStream.of(seed);
        Map<String, Figures> self = s.selfWithOperatingCosts(s.self(s.postings));
        scopes(s, s.postings).forEach((scope, f) -> {
            assertThat(f.published()).as("%s %s", s, scope).isEqualTo(roundedOnce(f.fen()));
            f.fen()
                    .forEach((k, v) -> assertThat(Money.ofFen(v).toWanYuan())
                            .as("%s %s %s", s, scope, k)
                            .isEqualTo(halfUpWan(v)));
            // negative figures (a 项 overspent in 08/09 may close below zero) round away from zero, never "-0.00"
            Figures negated = new Figures().apply(f.fen(), -1);
            Map<String, Long> negatedExact = new TreeMap<>();
            f.fen().forEach((k, v) -> negatedExact.put(k, -v));
            assertThat(negated.published()).as("%s %s negated", s, scope).isEqualTo(roundedOnce(negatedExact));
        });
        // a department's printed cell is the rounding of the sum of its units' exact figures
        for (String d : s.departments()) {
            SortedMap<String, String> published = s.consolidated(self, d).published();
            Map<String, Long> exact = new TreeMap<>();
            self.forEach((u, f) -> {
                if (s.isWithin(u, d)) {
                    f.fen().forEach((k, v) -> exact.merge(k, v, Long::sum));
                }
            });
            assertThat(published).as("%s department %s", s, d).isEqualTo(roundedOnce(exact));
        }
    }

    /** Guards the rounding property against vacuity: on these seeds, Σ rounded parts ≠ rounded Σ somewhere. */
    @Test
    void roundingOnceDiffersFromSummingRoundedPartsOnTheseSeeds() {
        int differing = 0;
        for (long seed : fewerSeeds().toArray()) {
            RandomLedgerStream s = RandomLedgerStream.of(seed);
            Map<String, Figures> self = s.selfWithOperatingCosts(s.self(s.postings));
            Figures department = s.consolidated(self, s.root);
            for (Map.Entry<String, Long> e : department.fen().entrySet()) {
                long summedRounded = self.values().stream()
                        .mapToLong(f -> hundredths(f.fen(e.getKey())))
                        .sum();
                if (summedRounded != hundredths(e.getValue())) {
                    differing++;
                }
            }
        }
        assertThat(differing).isPositive();
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /** Every unit alone and every department, published as FinalAccounts does (机关运行经费 per unit kind). */
    private static Map<String, Figures> scopes(RandomLedgerStream s, List<Posting> postings) {
        Map<String, Figures> self = s.selfWithOperatingCosts(s.self(postings));
        Map<String, Figures> scopes = new LinkedHashMap<>();
        self.forEach((u, f) -> scopes.put("unit " + u, f));
        s.departments().forEach(d -> scopes.put("department " + d, s.consolidated(self, d)));
        return scopes;
    }

    /** Keys whose exact values differ (absent = 0), at most 30 lines. */
    private static List<String> diff(Map<String, Long> routed, Map<String, Long> naive) {
        Set<String> keys = new TreeSet<>(routed.keySet());
        keys.addAll(naive.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            long a = routed.getOrDefault(k, 0L);
            long b = naive.getOrDefault(k, 0L);
            if (a != b && out.size() < 30) {
                out.add(k + " routed " + a + " fen, naive " + b + " fen");
            }
        }
        return out;
    }

    /** The published map from exact fen: half-up per cell, cells printing 0.00 left out. */
    private static Map<String, String> roundedOnce(Map<String, Long> exact) {
        Map<String, String> out = new TreeMap<>();
        exact.forEach((k, v) -> {
            if (hundredths(v) != 0) {
                out.put(k, halfUpWan(v));
            }
        });
        return out;
    }

    /** 0.01 万元 = 10 000 fen, half-up away from zero, in long arithmetic (independent of BigDecimal). */
    private static long hundredths(long fen) {
        long h = (Math.abs(fen) + 5_000) / 10_000;
        return fen < 0 ? -h : h;
    }

    private static String halfUpWan(long fen) {
        long h = hundredths(fen);
        long a = Math.abs(h);
        return (h < 0 ? "-" : "") + a / 100 + "." + String.format("%02d", a % 100);
    }
}
