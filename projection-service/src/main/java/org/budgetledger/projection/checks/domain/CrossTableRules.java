package org.budgetledger.projection.checks.domain;

import static org.budgetledger.projection.checks.domain.Severity.ERROR;
import static org.budgetledger.projection.checks.domain.Tolerance.EXACT;
import static org.budgetledger.projection.checks.domain.Tolerance.T1;
import static org.budgetledger.projection.checks.domain.Tolerance.T2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;

/** X01–X17: identities between tables (docs/DOMAIN.md#cross-table-rules). */
final class CrossTableRules {

    private CrossTableRules() {}

    static List<Rule> all() {
        return List.of(
                x01(), x02(), x03(), x04(), x05(), x06(), x07(), x08(), x09(), x10(), x11(), x12(), x13(), x14(), x15(),
                x16(), x17());
    }

    private static Rule same(String id, String description, String nameZh, String left, String right) {
        return new DefinedRule(
                id,
                ERROR,
                T1,
                description,
                nameZh,
                run -> run.result(null, List.of(run.eq(null, run.f.t(left), List.of(run.f.t(right))))));
    }

    static Rule x01() {
        return same(
                "X01",
                "01 income total = 02 total",
                "总表本年收入合计 = 收入决算表合计",
                CellKeys.INCOME_TOTAL_01,
                CellKeys.total(CellKeys.T02, CellKeys.TOTAL));
    }

    static Rule x02() {
        return same(
                "X02",
                "01 expenditure total = 03 total",
                "总表本年支出合计 = 支出决算表合计",
                CellKeys.EXPENDITURE_TOTAL_01,
                CellKeys.total(CellKeys.T03, CellKeys.TOTAL));
    }

    static Rule x03() {
        return new DefinedRule(
                "X03",
                ERROR,
                T2,
                "01 fiscal income rows sum to 02 fiscal total; each non-fiscal income row = its 02 total",
                "总表各项收入 = 收入决算表合计行",
                run -> {
                    Figures f = run.f;
                    List<String> fiscal = LedgerRules.budgetTypes(run.stateCapital()).stream()
                            .map(s -> CellKeys.income(CellKeys.T01, LedgerRules.key(s)))
                            .toList();
                    run.result(
                            Phrase.FISCAL.en(),
                            ERROR,
                            T2,
                            List.of(run.cmp(
                                    null,
                                    T2,
                                    fiscal.stream().map(f::t).toList(),
                                    Relation.EQ,
                                    List.of(f.t(CellKeys.total(CellKeys.T02, CellKeys.FISCAL))))),
                            null);
                    List<Comparison> cs = new ArrayList<>();
                    for (String s : TableRules.NON_FISCAL) {
                        cs.add(run.cmp(
                                s,
                                T1,
                                List.of(f.t(CellKeys.income(CellKeys.T01, s))),
                                Relation.EQ,
                                List.of(f.t(CellKeys.total(CellKeys.T02, s)))));
                    }
                    run.result(Phrase.NON_FISCAL.en(), ERROR, T1, cs, null);
                });
    }

    static Rule x04() {
        return new DefinedRule(
                "X04", ERROR, T1, "every 类: 01 expenditure row = 03 total", "总表支出（类） = 支出决算表（类）合计", run -> {
                    TreeSet<String> classes = new TreeSet<>(run.f.expenseClasses("01"));
                    run.f.codeRows("03").stream().filter(c -> c.length() == 3).forEach(classes::add);
                    for (String k : classes) {
                        Term left = run.f.t(CellKeys.expenditure01(k));
                        Term right = run.f.t(CellKeys.key(CellKeys.T03, k, CellKeys.TOTAL));
                        if (left.fen() != 0 || right.fen() != 0) {
                            run.result(k, List.of(run.eq(null, left, List.of(right))));
                        }
                    }
                });
    }

    static Rule x05() {
        return same(
                "X05",
                "02 fiscal total = 04 income total",
                "收入决算表财政拨款收入 = 财政拨款收入合计",
                CellKeys.total(CellKeys.T02, CellKeys.FISCAL),
                CellKeys.INCOME_TOTAL_04);
    }

    static Rule x06() {
        return new DefinedRule(
                "X06", ERROR, T1, "04 income per budget type = 01 income row", "财政拨款收入（分预算） = 总表财政拨款收入", run -> {
                    List<Comparison> cs = new ArrayList<>();
                    for (String b : TableRules.budgetColumns(run)) {
                        cs.add(run.eq(
                                b,
                                run.f.t(CellKeys.income(CellKeys.T04, b)),
                                List.of(run.f.t(CellKeys.income(CellKeys.T01, b)))));
                    }
                    run.result(null, cs);
                });
    }

    static Rule x07() {
        return new DefinedRule(
                "X07",
                ERROR,
                T1,
                "04 general-budget expenditure = 05 subtotal, in total and per 类",
                "财政拨款一般公共预算支出 = 一般公共预算财政拨款支出决算表",
                run -> {
                    Figures f = run.f;
                    run.result(
                            "total",
                            List.of(run.eq(
                                    null,
                                    f.t(CellKeys.expenditure04(CellKeys.TOTAL, "general_budget")),
                                    List.of(f.t(CellKeys.GENERAL_BUDGET_TOTAL_05)))));
                    TreeSet<String> classes = new TreeSet<>(f.expenseClasses("04"));
                    f.codeRows("05").stream().filter(c -> c.length() == 3).forEach(classes::add);
                    for (String k : classes) {
                        Term left = f.t(CellKeys.expenditure04(k, "general_budget"));
                        Term right = f.t(CellKeys.key(CellKeys.T05, k, CellKeys.SUBTOTAL));
                        if (left.fen() != 0 || right.fen() != 0) {
                            run.result(k, List.of(run.eq(null, left, List.of(right))));
                        }
                    }
                });
    }

    static Rule x08() {
        return new DefinedRule(
                "X08",
                ERROR,
                T1,
                "04 government-fund income, opening, expenditure, closing and per-类 spending = 08",
                "财政拨款政府性基金 = 政府性基金预算财政拨款收入支出决算表",
                run -> {
                    Figures f = run.f;
                    run.result(
                            Phrase.TOTALS.en(),
                            List.of(
                                    run.eq(
                                            "income",
                                            f.t(CellKeys.income(CellKeys.T04, "government_fund")),
                                            List.of(f.t(CellKeys.total(CellKeys.T08, CellKeys.INCOME)))),
                                    run.eq(
                                            "opening_balance",
                                            f.t(CellKeys.openingBalance04("government_fund")),
                                            List.of(f.t(CellKeys.total(CellKeys.T08, CellKeys.OPENING_BALANCE)))),
                                    run.eq(
                                            "expenditure",
                                            f.t(CellKeys.expenditure04(CellKeys.TOTAL, "government_fund")),
                                            List.of(f.t(CellKeys.total(CellKeys.T08, CellKeys.EXPENDITURE)))),
                                    run.eq(
                                            "closing_balance",
                                            f.t(CellKeys.expenditure04(CellKeys.CLOSING_BALANCE, "government_fund")),
                                            List.of(f.t(CellKeys.total(CellKeys.T08, CellKeys.CLOSING_BALANCE))))));
                    TreeSet<String> classes = new TreeSet<>(f.expenseClasses("04"));
                    f.codeRows("08").stream().filter(c -> c.length() == 3).forEach(classes::add);
                    for (String k : classes) {
                        Term left = f.t(CellKeys.expenditure04(k, "government_fund"));
                        Term right = f.t(CellKeys.key(CellKeys.T08, k, CellKeys.EXPENDITURE));
                        if (left.fen() != 0 || right.fen() != 0) {
                            run.result(k, List.of(run.eq(null, left, List.of(right))));
                        }
                    }
                });
    }

    static Rule x09() {
        return new DefinedRule(
                "X09",
                ERROR,
                T2,
                "05 basic total = 06 personnel total + public total",
                "基本支出 = 人员经费 + 公用经费",
                run -> run.result(
                        null,
                        List.of(run.eq(
                                null,
                                run.f.t(CellKeys.total(CellKeys.T05, "basic")),
                                run.f.terms(CellKeys.PERSONNEL_TOTAL_KEY, CellKeys.PUBLIC_TOTAL_KEY)))));
    }

    static Rule x10() {
        return new DefinedRule(
                "X10",
                ERROR,
                T1,
                "06 三公 items (basic spending) ≤ 07 actual items (basic + project); blank 06 cell: skip",
                "基本支出“三公”科目 ≤ “三公”经费决算数",
                run -> {
                    for (Map.Entry<String, String> item : CellKeys.SANGONG_ITEMS.entrySet()) {
                        String basic = CellKeys.amount(CellKeys.T06, item.getKey());
                        List<Term> left = List.of(run.f.t(basic));
                        List<Term> right =
                                List.of(run.f.t(CellKeys.key(CellKeys.T07, CellKeys.ACTUAL, item.getValue())));
                        String subject = item.getKey() + " ≤ " + item.getValue();
                        if (run.f.printsAsZero(basic)) {
                            Text blank = Text.of(basic + " blank", basic + " 为空");
                            run.result(
                                    subject,
                                    List.of(Comparison.skipped(null, T1, left, Relation.LE, right, blank)),
                                    blank);
                        } else {
                            run.result(subject, List.of(run.cmp(null, left, Relation.LE, right)));
                        }
                    }
                });
    }

    static Rule x11() {
        return new DefinedRule(
                "X11",
                ERROR,
                T1,
                "07 actual total ≤ 05 total subtotal (2019 scope: general budget)",
                "“三公”经费 ≤ 一般公共预算财政拨款支出",
                run -> run.result(
                        null,
                        List.of(run.cmp(
                                null,
                                List.of(run.f.t(CellKeys.sangongActual(CellKeys.TOTAL))),
                                Relation.LE,
                                List.of(run.f.t(CellKeys.GENERAL_BUDGET_TOTAL_05))))));
    }

    static Rule x12() {
        return new DefinedRule(
                "X12",
                ERROR,
                EXACT,
                "04 government-fund column all zero ⇔ 08 empty (and its statement); state capital ⇔ 09 (2020+)",
                "无政府性基金收支 ⇔ 08 表空表",
                run -> {
                    Figures f = run.f;
                    presence(
                            run,
                            "08",
                            f.nonZeroKeys(k -> k.startsWith(CellKeys.T04 + "/") && k.contains("government_fund")),
                            f.nonZeroKeys(k -> k.startsWith(CellKeys.T08 + "/")),
                            "government_fund");
                    if (run.in.fiscalYear() >= 2020 || run.stateCapital()) {
                        presence(
                                run,
                                "09",
                                f.nonZeroKeys(k -> k.startsWith(CellKeys.T04 + "/") && k.contains("state_capital")),
                                f.nonZeroKeys(k -> k.startsWith(CellKeys.T09 + "/")),
                                "state_capital");
                    }
                });
    }

    private static void presence(
            DefinedRule.Run run, String table, List<String> in04, List<String> inTable, String column) {
        Text message = Text.of(
                "04 " + column + ": " + (in04.isEmpty() ? "all zero" : in04.size() + " non-zero cells")
                        + "; " + table + ": " + (inTable.isEmpty() ? "empty" : inTable.size() + " non-zero cells")
                        + (inTable.isEmpty() ? " (its “no data” statement is a narrative check, not made here)" : ""),
                "04表" + column + "列：" + (in04.isEmpty() ? "全为零" : in04.size() + "个非零数据") + "；" + table + "表："
                        + (inTable.isEmpty() ? "空表（“无数据”说明属文字检查，此处不检查）" : inTable.size() + "个非零数据"));
        if (in04.isEmpty() == inTable.isEmpty()) {
            run.pass("04 " + column + " ⇔ " + table, message);
        } else {
            run.violated("04 " + column + " ⇔ " + table, message);
        }
    }

    static Rule x13() {
        return new DefinedRule(
                "X13",
                ERROR,
                T2,
                "non-fiscal reconciliation: 03 total − 04 expenditure total = non-fiscal opening + income + "
                        + "fund offset − non-fiscal closing − surplus distribution",
                "非财政拨款收支勾稽",
                run -> {
                    Figures f = run.f;
                    run.result(
                            null,
                            List.of(run.cmp(
                                    null,
                                    List.of(
                                            f.t(CellKeys.total(CellKeys.T03, CellKeys.TOTAL)),
                                            f.neg(CellKeys.EXPENDITURE_TOTAL_04)),
                                    Relation.EQ,
                                    List.of(
                                            f.t(CellKeys.OPENING_BALANCE_01),
                                            f.neg(CellKeys.OPENING_BALANCE_04),
                                            f.t(CellKeys.INCOME_TOTAL_01),
                                            f.neg(CellKeys.INCOME_TOTAL_04),
                                            f.t(CellKeys.BUSINESS_FUND_OFFSET_01),
                                            f.neg(CellKeys.CLOSING_BALANCE_01),
                                            f.t(CellKeys.CLOSING_BALANCE_04),
                                            f.neg(CellKeys.SURPLUS_DISTRIBUTION_01)))));
                });
    }

    static Rule x14() {
        return new DefinedRule(
                "X14",
                ERROR,
                T1,
                "05 ⊆ 03 per row: total, basic and project of 03 ≥ those of 05",
                "支出决算表 ≥ 一般公共预算财政拨款支出决算表",
                run -> {
                    for (String row : run.f.rows("05")) {
                        List<Comparison> cs = new ArrayList<>();
                        String[][] pairs = {{"total", "subtotal"}, {"basic", "basic"}, {"project", "project"}};
                        for (String[] p : pairs) {
                            Term left = run.f.t(CellKeys.key(CellKeys.T03, row, p[0]));
                            Term right = run.f.t(CellKeys.key(CellKeys.T05, row, p[1]));
                            if (left.fen() != 0 || right.fen() != 0) {
                                cs.add(run.cmp(p[0], List.of(left), Relation.GE, List.of(right)));
                            }
                        }
                        run.resultUnlessEmpty(row, cs);
                    }
                });
    }

    static Rule x15() {
        return new DefinedRule(
                "X15",
                ERROR,
                T1,
                "机关运行经费 ≤ 06 public total; equal when every unit is ADMINISTRATIVE or CIVIL_SERVICE_MANAGED",
                "机关运行经费 ≤ 公用经费合计",
                run -> {
                    List<Term> ops = List.of(run.f.t(CellKeys.OPERATING_COSTS_KEY));
                    List<Term> pub = List.of(run.f.t(CellKeys.PUBLIC_TOTAL_KEY));
                    Optional<Boolean> admin = run.in.allAdministrative();
                    if (admin.orElse(false)) {
                        run.result(
                                null,
                                List.of(run.cmp(Phrase.ALL_UNITS_ADMINISTRATIVE.en(), ops, Relation.EQ, pub)),
                                Text.of(
                                        "all " + run.in.units().size()
                                                + " units are ADMINISTRATIVE or CIVIL_SERVICE_MANAGED",
                                        "全部" + run.in.units().size() + "个单位均为行政单位或参照公务员法管理事业单位"));
                    } else {
                        run.result(
                                null,
                                List.of(run.cmp(null, ops, Relation.LE, pub)),
                                admin.isPresent()
                                        ? Text.of(
                                                "units of kinds " + run.in.unitKinds() + ": 机关运行经费 may be smaller",
                                                "单位类型为" + run.in.unitKinds() + "：机关运行经费可小于公用经费")
                                        : Text.of("unit kinds not given: equality not checked", "未提供单位类型：未检查相等"));
                    }
                });
    }

    static Rule x16() {
        return new DefinedRule(
                "X16",
                ERROR,
                T1,
                "会议费 ≥ 06/30215; 培训费 ≥ 06/30216 (basic only in 06)",
                "会议费、培训费 ≥ 基本支出中的会议费、培训费",
                run -> run.result(
                        null,
                        List.of(
                                run.cmp(
                                        "meetings",
                                        List.of(run.f.t(CellKeys.MEETINGS_KEY)),
                                        Relation.GE,
                                        List.of(run.f.t(CellKeys.amount(CellKeys.T06, CellKeys.MEETINGS_CODE)))),
                                run.cmp(
                                        "training",
                                        List.of(run.f.t(CellKeys.TRAINING_KEY)),
                                        Relation.GE,
                                        List.of(run.f.t(CellKeys.amount(CellKeys.T06, CellKeys.TRAINING_CODE)))))));
    }

    static Rule x17() {
        return new DefinedRule(
                "X17",
                ERROR,
                T2,
                "procurement total = goods + works + services; small-micro ≤ SME ≤ total",
                "政府采购支出总额 = 货物 + 工程 + 服务；小微企业 ≤ 中小企业 ≤ 总额",
                run -> {
                    Figures f = run.f;
                    run.result(
                            "procurement/total",
                            ERROR,
                            T2,
                            List.of(run.cmp(
                                    null,
                                    T2,
                                    List.of(f.t(CellKeys.PROCUREMENT_TOTAL_KEY)),
                                    Relation.EQ,
                                    f.terms(
                                            CellKeys.amount(CellKeys.PROCUREMENT, "goods"),
                                            CellKeys.amount(CellKeys.PROCUREMENT, "works"),
                                            CellKeys.amount(CellKeys.PROCUREMENT, "services")))),
                            null);
                    run.result(
                            "small_micro ≤ sme ≤ total",
                            ERROR,
                            T1,
                            List.of(
                                    run.cmp(
                                            "small_micro ≤ sme",
                                            T1,
                                            List.of(f.t(CellKeys.PROCUREMENT_SMALL_MICRO_KEY)),
                                            Relation.LE,
                                            List.of(f.t(CellKeys.PROCUREMENT_SME_KEY))),
                                    run.cmp(
                                            "sme ≤ total",
                                            T1,
                                            List.of(f.t(CellKeys.PROCUREMENT_SME_KEY)),
                                            Relation.LE,
                                            List.of(f.t(CellKeys.PROCUREMENT_TOTAL_KEY)))),
                            null);
                });
    }
}
