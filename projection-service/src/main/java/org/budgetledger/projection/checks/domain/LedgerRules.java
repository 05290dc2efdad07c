package org.budgetledger.projection.checks.domain;

import static org.budgetledger.projection.checks.domain.Severity.ERROR;
import static org.budgetledger.projection.checks.domain.Severity.WARNING;
import static org.budgetledger.projection.checks.domain.Tolerance.EXACT;
import static org.budgetledger.projection.checks.domain.Tolerance.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.budgetledger.contract.FundSource;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/** L01–L07: ledger-level identities on exact amounts and posting-level warnings (docs/DOMAIN.md#ledger-rules). */
final class LedgerRules {

    private LedgerRules() {}

    static List<Rule> all() {
        return List.of(l01(), l02(), l03(), l04(), l05(), l06(), l07());
    }

    static String key(FundSource s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    static List<FundSource> budgetTypes(boolean stateCapital) {
        return stateCapital
                ? List.of(FundSource.GENERAL_BUDGET, FundSource.GOVERNMENT_FUND, FundSource.STATE_CAPITAL)
                : List.of(FundSource.GENERAL_BUDGET, FundSource.GOVERNMENT_FUND);
    }

    // ---------------------------------------------------------------------------------------------------- L01

    static Rule l01() {
        return new DefinedRule(
                "L01",
                ERROR,
                T0,
                "Closing balance per unit and fund source = opening + income - expenditure and is not negative; "
                        + "a negative closing balance of one 项 is a warning",
                "年末结转和结余 = 年初结转和结余 + 收入 − 支出 ≥ 0",
                run -> {
                    Map<String, Cells> ledgers = new java.util.LinkedHashMap<>();
                    run.in.units().stream()
                            .filter(u -> u.self() != null)
                            .forEach(u -> ledgers.put(u.unitCode(), u.self()));
                    Text note = null;
                    if (ledgers.isEmpty()) {
                        ledgers.put(run.in.unitCode(), run.in.cells());
                        note = Text.of(
                                "per-unit figures not given: checked on the department's consolidated figures",
                                "未提供各单位本级数据：按部门汇总数据检查");
                    }
                    for (Map.Entry<String, Cells> ledger : ledgers.entrySet()) {
                        Figures g = new Figures(ledger.getValue());
                        l01Balances(run, ledger.getKey(), g, note);
                        l01NegativeItems(run, ledger.getKey(), g);
                    }
                });
    }

    /** One unit's closing balances per fiscal fund source, and of the non-fiscal sources together. */
    private static void l01Balances(DefinedRule.Run run, String unit, Figures g, Text note) {
        List<Comparison> cs = new ArrayList<>();
        for (FundSource b : budgetTypes(run.stateCapital())) {
            String s = key(b);
            List<Term> available = List.of(
                    g.t(CellKeys.openingBalance04(s)),
                    g.t(CellKeys.income(CellKeys.T04, s)),
                    g.neg(CellKeys.expenditure04(CellKeys.TOTAL, s)));
            Term closing = g.t(CellKeys.expenditure04(CellKeys.CLOSING_BALANCE, s));
            if (Figures.allZero(available, List.of(closing))) {
                continue;
            }
            cs.add(run.cmp(Phrase.CLOSING_BALANCE.after(s), List.of(closing), Relation.EQ, available));
            cs.add(run.cmp(Phrase.NOT_NEGATIVE.after(s), available, Relation.GE, List.of(Term.zero())));
        }
        List<Term> available = List.of(
                g.t(CellKeys.OPENING_BALANCE_01),
                g.neg(CellKeys.OPENING_BALANCE_04),
                g.t(CellKeys.INCOME_TOTAL_01),
                g.neg(CellKeys.INCOME_TOTAL_04),
                g.t(CellKeys.BUSINESS_FUND_OFFSET_01),
                g.neg(CellKeys.EXPENDITURE_TOTAL_01),
                g.t(CellKeys.EXPENDITURE_TOTAL_04),
                g.neg(CellKeys.SURPLUS_DISTRIBUTION_01));
        List<Term> closing = List.of(g.t(CellKeys.CLOSING_BALANCE_01), g.neg(CellKeys.CLOSING_BALANCE_04));
        if (!Figures.allZero(available, closing)) {
            String together = Phrase.NON_FISCAL_TOGETHER.en();
            cs.add(run.cmp(Phrase.CLOSING_BALANCE.after(together), closing, Relation.EQ, available));
            cs.add(run.cmp(Phrase.NOT_NEGATIVE.after(together), available, Relation.GE, List.of(Term.zero())));
        }
        if (cs.isEmpty()) {
            run.pass(unit, Text.of("no balances, income or expenditure", "无结转结余、收入或支出"));
        } else {
            run.result(unit, cs, note);
        }
    }

    /** A 项 whose closing balance is negative: a warning (income and spending may carry different 项 codes). */
    private static void l01NegativeItems(DefinedRule.Run run, String unit, Figures g) {
        for (String table : List.of("08", "09")) {
            for (String row : g.codeRows(table)) {
                String k = Figures.key(table, row, "closing_balance");
                if (row.length() == 7 && g.get(k) < 0) {
                    run.result(
                            unit + " " + table + "/" + row,
                            WARNING,
                            T0,
                            List.of(run.cmp(
                                    Phrase.CLOSING_BALANCE_OF_ITEM.en(),
                                    T0,
                                    WARNING,
                                    List.of(g.t(k)),
                                    Relation.GE,
                                    List.of(Term.zero()))),
                            Text.of(
                                    "negative per 项: income and spending may carry different 项 codes",
                                    "该项为负数：收入与支出可能使用了不同的项级科目"));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- L02

    static Rule l02() {
        return new DefinedRule(
                "L02",
                ERROR,
                T0,
                "Opening balance = the previous year's closing balance, per fund source and 项",
                "年初结转和结余 = 上年年末结转和结余",
                run -> {
                    Map<BalanceKey, Long> previous = run.in.previousClosing();
                    if (previous == null) {
                        run.skipped(
                                null, Text.of("the previous year's closing balances were not given", "未提供上年年末结转和结余"));
                        return;
                    }
                    Figures f = run.f;
                    String prev = Phrase.CLOSING.suffixing(String.valueOf(run.in.fiscalYear() - 1)) + " ";
                    List<Comparison> totals = new ArrayList<>();
                    totals.add(run.cmp(
                            Phrase.ALL_SOURCES.en(),
                            List.of(f.t(CellKeys.OPENING_BALANCE_01)),
                            Relation.EQ,
                            List.of(Term.of(prev + Phrase.ALL_SOURCES.en(), sum(previous, null)))));
                    for (FundSource b : budgetTypes(run.stateCapital())) {
                        totals.add(run.cmp(
                                key(b),
                                List.of(f.t(CellKeys.openingBalance04(key(b)))),
                                Relation.EQ,
                                List.of(Term.of(prev + key(b), sum(previous, b)))));
                    }
                    run.result(Phrase.TOTALS.en(), totals);
                    l02PerItem(run, previous, prev);
                    l02PerSourceAndItem(run, previous, prev);
                });
    }

    /** The 项 rows of 08 (and 09) against the previous year's closing balances of their fund. */
    private static void l02PerItem(DefinedRule.Run run, Map<BalanceKey, Long> previous, String prev) {
        Figures f = run.f;
        Map<String, FundSource> perItemTables = new TreeMap<>(Map.of("08", FundSource.GOVERNMENT_FUND));
        if (run.stateCapital()) {
            perItemTables.put("09", FundSource.STATE_CAPITAL);
        }
        perItemTables.forEach((table, source) -> {
            TreeSet<String> items = new TreeSet<>();
            f.codeRows(table).stream().filter(r -> r.length() == 7).forEach(items::add);
            previous.keySet().stream()
                    .filter(k -> k.fundSource() == source)
                    .forEach(k -> items.add(k.functionalCode()));
            List<Comparison> cs = new ArrayList<>();
            for (String item : items) {
                Term opening = f.t(Figures.key(table, item, "opening_balance"));
                Term closing = Term.of(
                        prev + key(source) + " " + item, previous.getOrDefault(new BalanceKey(source, item), 0L));
                if (opening.fen() != 0 || closing.fen() != 0) {
                    cs.add(run.cmp(item, List.of(opening), Relation.EQ, List.of(closing)));
                }
            }
            run.resultUnlessEmpty(Phrase.PER_ITEM.suffixing(table), cs);
        });
    }

    /** This year's opening balances per fund source and 项 against last year's closing ones, where both are given. */
    private static void l02PerSourceAndItem(DefinedRule.Run run, Map<BalanceKey, Long> previous, String prev) {
        Map<BalanceKey, Long> opening = run.in.openingBalances();
        if (opening == null) {
            run.skipped(
                    Phrase.PER_SOURCE_AND_ITEM.en(),
                    Text.of(
                            "this year's opening balances per fund source and 项 were not given: only the "
                                    + "totals and 08/09 rows were compared",
                            "未提供本年按资金来源和项级科目的年初结转和结余：仅比较了合计数与08/09表各行"));
            return;
        }
        TreeSet<BalanceKey> keys = new TreeSet<>(previous.keySet());
        keys.addAll(opening.keySet());
        List<Comparison> cs = new ArrayList<>();
        for (BalanceKey k : keys) {
            long o = opening.getOrDefault(k, 0L);
            long c = previous.getOrDefault(k, 0L);
            if (o != 0 || c != 0) {
                String thisYear = Phrase.OPENING.suffixing(String.valueOf(run.in.fiscalYear())) + " ";
                cs.add(run.cmp(
                        k.toString(), List.of(Term.of(thisYear + k, o)), Relation.EQ, List.of(Term.of(prev + k, c))));
            }
        }
        if (cs.isEmpty()) {
            run.pass(Phrase.PER_SOURCE_AND_ITEM.en(), Text.of("no balances in either year", "两年均无结转和结余"));
        } else {
            run.result(Phrase.PER_SOURCE_AND_ITEM.en(), cs);
        }
    }

    private static long sum(Map<BalanceKey, Long> balances, FundSource source) {
        return balances.entrySet().stream()
                .filter(e -> source == null || e.getKey().fundSource() == source)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    // ---------------------------------------------------------------------------------------------------- L03

    static Rule l03() {
        return new DefinedRule(
                "L03",
                ERROR,
                T0,
                "Every cell = the sum of its audit lines (reversals negative), rounded once",
                "每个数据 = 其审计明细之和（冲销为负），只取整一次",
                run -> {
                    Map<String, Long> audit = run.in.auditSums();
                    if (audit == null) {
                        run.skipped(null, Text.of("audit-line sums were not given", "未提供审计明细合计"));
                        return;
                    }
                    List<Comparison> failing = new ArrayList<>();
                    for (String key : new TreeSet<>(audit.keySet())) {
                        Comparison c = run.cmp(
                                key,
                                List.of(run.f.t(key)),
                                Relation.EQ,
                                List.of(Term.of(Phrase.AUDIT_LINES_OF.en() + " " + key, audit.get(key))));
                        if (c.status() != Status.PASS) {
                            failing.add(c);
                        }
                    }
                    Cells cells = run.in.cells();
                    long unaudited =
                            cells.nonZeroKeys(k -> !audit.containsKey(k)).size();
                    Text message = Text.of(
                            audit.size() + " cells compared with their audit lines, " + failing.size()
                                    + " differ"
                                    + (unaudited == 0
                                            ? ""
                                            : "; " + unaudited
                                                    + " non-zero cells had no audit sum and were not compared"),
                            "已将" + audit.size() + "个数据与其审计明细比较，" + failing.size() + "个不一致"
                                    + (unaudited == 0 ? "" : "；" + unaudited + "个非零数据无审计明细合计，未比较"));
                    if (failing.isEmpty()) {
                        run.pass(null, message);
                    } else {
                        run.result(null, failing, message);
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------- L04

    static Rule l04() {
        return new DefinedRule(
                "L04",
                ERROR,
                T0,
                "Department cell = sum of the self cells of the unit and its descendants (exact)",
                "部门决算 = 本级 + 所属单位之和",
                run -> {
                    List<UnitFigures> units = run.in.units().stream()
                            .filter(u -> u.self() != null)
                            .toList();
                    if (units.isEmpty()) {
                        run.skipped(null, Text.of("per-unit self figures were not given", "未提供各单位本级数据"));
                        return;
                    }
                    int withoutSelf = run.in.units().size() - units.size();
                    TreeSet<String> keys = new TreeSet<>(run.in.cells().keys());
                    units.forEach(u -> keys.addAll(u.self().keys()));
                    List<Comparison> failing = new ArrayList<>();
                    for (String key : keys) {
                        List<Term> parts = new ArrayList<>();
                        for (UnitFigures u : units) {
                            long v = u.self().fen(key);
                            if (v != 0) {
                                parts.add(Term.of(u.unitCode() + ":" + key, v));
                            }
                        }
                        Comparison c = run.cmp(key, List.of(run.f.t(key)), Relation.EQ, parts);
                        if (c.status() != Status.PASS) {
                            failing.add(c);
                        }
                    }
                    Text message = Text.of(
                            keys.size() + " cells compared over " + units.size() + " units, "
                                    + failing.size() + " differ"
                                    + (withoutSelf == 0
                                            ? ""
                                            : "; " + withoutSelf + " units without self figures were left out"),
                            "已按" + units.size() + "个单位比较" + keys.size() + "个数据，" + failing.size() + "个不一致"
                                    + (withoutSelf == 0 ? "" : "；" + withoutSelf + "个单位无本级数据，未计入"));
                    if (failing.isEmpty()) {
                        run.pass(null, message);
                    } else {
                        run.result(null, failing, message);
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------- L05–L07

    static Rule l05() {
        return new DefinedRule(
                "L05", WARNING, EXACT, "Fiscal-funded expenditure is BASIC or PROJECT", "财政拨款支出仅为基本支出或项目支出", run -> {
                    PostingCounts counts = run.in.postingCounts();
                    if (counts != null && counts.fiscalExpenditureOtherKind() != null) {
                        int n = counts.fiscalExpenditureOtherKind();
                        run.status(
                                null,
                                n == 0 ? Status.PASS : Status.WARN,
                                Text.of(
                                        n + " fiscal EXPENDITURE postings with a kind other than BASIC or PROJECT",
                                        n + "笔财政拨款支出记账既非基本支出也非项目支出"));
                        return;
                    }
                    // 05 and 08/09 subtotals count every kind, their basic + project columns only those two.
                    List<Comparison> cs = new ArrayList<>();
                    Figures f = run.f;
                    cs.add(run.cmp(
                            Phrase.GENERAL_BUDGET.suffixing("05"),
                            T0,
                            List.of(f.t(CellKeys.GENERAL_BUDGET_TOTAL_05)),
                            Relation.EQ,
                            f.terms(CellKeys.total(CellKeys.T05, "basic"), CellKeys.total(CellKeys.T05, "project"))));
                    for (String table : run.stateCapital() ? List.of("08", "09") : List.of("08")) {
                        cs.add(run.cmp(
                                table,
                                T0,
                                List.of(f.t(CellKeys.total(table, CellKeys.EXPENDITURE))),
                                Relation.EQ,
                                f.terms(CellKeys.total(table, "basic"), CellKeys.total(table, "project"))));
                    }
                    run.result(
                            null,
                            WARNING,
                            T0,
                            cs,
                            Text.of(
                                    "posting counts not given: derived from the exact 05/08 totals (all kinds vs basic + "
                                            + "project)",
                                    "未提供记账笔数：按05/08表精确合计推算（全部支出与基本支出、项目支出之和比较）"));
                });
    }

    static Rule l06() {
        return new DefinedRule(
                "L06",
                WARNING,
                EXACT,
                "A procurement awarded to a small or micro enterprise is also awarded to an SME",
                "授予小微企业合同亦属授予中小企业",
                run -> {
                    PostingCounts counts = run.in.postingCounts();
                    if (counts != null && counts.smallMicroWithoutSme() != null) {
                        int n = counts.smallMicroWithoutSme();
                        run.status(
                                null,
                                n == 0 ? Status.PASS : Status.WARN,
                                Text.of(
                                        n + " PROCUREMENT postings with smallMicroAwarded and not smeAwarded",
                                        n + "笔政府采购记账授予小微企业却未标记授予中小企业"));
                        return;
                    }
                    Figures f = run.f;
                    if (f.nonZeroKeys(k -> k.startsWith(CellKeys.PROCUREMENT + "/"))
                            .isEmpty()) {
                        run.pass(null, Text.of("no procurement", "无政府采购"));
                    } else if (f.get(CellKeys.PROCUREMENT_SMALL_MICRO_KEY) > f.get(CellKeys.PROCUREMENT_SME_KEY)) {
                        run.result(
                                null,
                                WARNING,
                                T0,
                                List.of(run.cmp(
                                        Phrase.DERIVED_FROM_FIGURES.en(),
                                        T0,
                                        List.of(f.t(CellKeys.PROCUREMENT_SMALL_MICRO_KEY)),
                                        Relation.LE,
                                        List.of(f.t(CellKeys.PROCUREMENT_SME_KEY)))),
                                Text.of(
                                        "posting counts not given: the figures show small-micro awards beyond SME awards",
                                        "未提供记账笔数：数据显示授予小微企业合同金额超过授予中小企业合同金额"));
                    } else {
                        run.skipped(
                                null,
                                Text.of(
                                        "posting counts not given (the figures cannot show it when small_micro "
                                                + "≤ sme)",
                                        "未提供记账笔数（小微企业合同金额不超过中小企业合同金额时，数据无法反映）"));
                    }
                });
    }

    static Rule l07() {
        return new DefinedRule(
                "L07",
                WARNING,
                EXACT,
                "No STATE_CAPITAL posting in a year whose template has no 国有资本经营 rows (2019 and earlier)",
                "无国有资本经营预算财政拨款（模板未设）",
                run -> {
                    if (run.in.fiscalYear() >= 2020) {
                        run.pass(
                                null,
                                Text.of(
                                        "the " + run.in.fiscalYear() + " template has 国有资本经营 rows",
                                        run.in.fiscalYear() + "年度模板设有国有资本经营预算行"));
                        return;
                    }
                    PostingCounts counts = run.in.postingCounts();
                    List<String> cells =
                            run.f.nonZeroKeys(k -> k.contains("state_capital") || k.startsWith(CellKeys.T09 + "/"));
                    Integer n = counts == null ? null : counts.stateCapitalPostings();
                    boolean bad = !cells.isEmpty() || (n != null && n > 0);
                    Text message = Text.of(
                            (n == null ? "posting count not given" : n + " STATE_CAPITAL postings")
                                    + (cells.isEmpty()
                                            ? "; no state-capital figure"
                                            : "; state-capital figures: " + cells),
                            (n == null ? "未提供记账笔数" : n + "笔国有资本经营预算记账")
                                    + (cells.isEmpty() ? "；无国有资本经营数据" : "；国有资本经营数据：" + cells));
                    run.status(null, bad ? Status.WARN : Status.PASS, message);
                });
    }
}
