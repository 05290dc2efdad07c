package org.budgetledger.projection.checks.domain;

import static org.budgetledger.projection.checks.domain.Severity.ERROR;
import static org.budgetledger.projection.checks.domain.Severity.WARNING;
import static org.budgetledger.projection.checks.domain.Tolerance.EXACT;
import static org.budgetledger.projection.checks.domain.Tolerance.T1;
import static org.budgetledger.projection.checks.domain.Tolerance.T2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;

/** W01–W19: identities within one table (docs/DOMAIN.md#table-rules). */
final class TableRules {

    static final List<String> COLUMNS_02 = CellKeys.COLUMNS_02;
    static final List<String> COLUMNS_03 = CellKeys.COLUMNS_03;
    static final List<String> COLUMNS_05 = CellKeys.COLUMNS_05;
    static final List<String> COLUMNS_08 = CellKeys.COLUMNS_08;
    static final List<String> COLUMNS_07 = CellKeys.ITEMS_07;
    static final List<String> NON_FISCAL = Arrays.stream(FundSource.values())
            .filter(f -> !f.fiscal())
            .map(CellKeys::word)
            .toList();
    /** W19 checks codes and names against them: without them, both are skipped for the same reason. */
    private static final Text NO_CATALOGUES = Text.of("the year's catalogues were not given", "未提供本年度科目目录");

    private TableRules() {}

    static List<Rule> all() {
        return List.of(
                w01(), w02(), w03(), w04(), w05(), w06(), w07(), w08(), w09(), w10(), w11(), w12(), w13(), w14(), w15(),
                w16(), w17(), w18(), w19());
    }

    /** The 8 income rows of 01, without state_capital when the template has none and it is zero. */
    static List<String> incomeSources(DefinedRule.Run run) {
        return Arrays.stream(FundSource.values())
                .filter(s -> s != FundSource.STATE_CAPITAL || run.stateCapital())
                .map(LedgerRules::key)
                .toList();
    }

    /** Budget-type columns of 04: general_budget, government_fund (+ state_capital). */
    static List<String> budgetColumns(DefinedRule.Run run) {
        return LedgerRules.budgetTypes(run.stateCapital()).stream()
                .map(LedgerRules::key)
                .toList();
    }

    private static List<Term> keys(Figures f, List<String> keys) {
        return keys.stream().map(f::t).toList();
    }

    private static List<String> mapped(List<String> values, Function<String, String> key) {
        return values.stream().map(key).toList();
    }

    // -------------------------------------------------------------------------------------------- 01: W01–W05

    static Rule w01() {
        return new DefinedRule(
                "W01",
                ERROR,
                T2,
                "01 income total = sum of the income rows of every fund source",
                "本年收入合计 = 各项收入之和",
                run -> run.result(
                        null,
                        List.of(run.eq(
                                null,
                                run.f.t(CellKeys.INCOME_TOTAL_01),
                                keys(run.f, mapped(incomeSources(run), s -> CellKeys.income(CellKeys.T01, s)))))));
    }

    static Rule w02() {
        return new DefinedRule(
                "W02",
                ERROR,
                T2,
                "01 expenditure total = sum of the functional 类 rows",
                "本年支出合计 = 各功能分类（类）支出之和",
                run -> run.result(
                        null,
                        List.of(run.eq(
                                null,
                                run.f.t(CellKeys.EXPENDITURE_TOTAL_01),
                                keys(run.f, mapped(run.f.expenseClasses("01"), k -> CellKeys.expenditure01(k)))))));
    }

    static Rule w03() {
        return new DefinedRule(
                "W03",
                ERROR,
                T2,
                "01 income grand total = income total + business fund offset + opening balance",
                "收入总计 = 本年收入合计 + 用事业基金弥补收支差额 + 年初结转和结余",
                run -> run.result(
                        null,
                        List.of(run.eq(
                                null,
                                run.f.t(CellKeys.INCOME_GRAND_TOTAL_01),
                                run.f.terms(
                                        CellKeys.INCOME_TOTAL_01,
                                        CellKeys.BUSINESS_FUND_OFFSET_01,
                                        CellKeys.OPENING_BALANCE_01)))));
    }

    static Rule w04() {
        return new DefinedRule(
                "W04",
                ERROR,
                T2,
                "01 expenditure grand total = expenditure total + surplus distribution + closing balance",
                "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
                run -> run.result(
                        null,
                        List.of(run.eq(
                                null,
                                run.f.t(CellKeys.EXPENDITURE_GRAND_TOTAL_01),
                                run.f.terms(
                                        CellKeys.EXPENDITURE_TOTAL_01,
                                        CellKeys.SURPLUS_DISTRIBUTION_01,
                                        CellKeys.CLOSING_BALANCE_01)))));
    }

    static Rule w05() {
        return new DefinedRule(
                "W05",
                ERROR,
                T1,
                "01 income grand total = expenditure grand total",
                "收入总计 = 支出总计",
                run -> run.result(
                        null,
                        List.of(run.eq(
                                null,
                                run.f.t(CellKeys.INCOME_GRAND_TOTAL_01),
                                List.of(run.f.t(CellKeys.EXPENDITURE_GRAND_TOTAL_01))))));
    }

    // ------------------------------------------------------------------------------------- row sums W06, W08, W13

    /** Per row of a table: {@code row/total = Σ row/part}; all-zero rows are left out. */
    private static void rowSums(DefinedRule.Run run, String table, String total, List<String> parts) {
        for (String row : run.f.rows(table)) {
            Term left = run.f.t(Figures.key(table, row, total));
            List<Term> right = keys(run.f, mapped(parts, c -> Figures.key(table, row, c)));
            if (!Figures.allZero(List.of(left), right)) {
                run.result(table + "/" + row, List.of(run.eq(null, left, right)));
            }
        }
    }

    static Rule w06() {
        return new DefinedRule(
                "W06",
                ERROR,
                T2,
                "02 every row: total = fiscal + superior subsidy + operating + business + affiliate remittance + other",
                "收入决算表：合计 = 各项收入之和",
                run -> rowSums(run, "02", "total", COLUMNS_02.subList(1, 7)));
    }

    static Rule w08() {
        return new DefinedRule(
                "W08",
                ERROR,
                T2,
                "03 every row: total = basic + project + remit to superior + business + subsidy to affiliates",
                "支出决算表：合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
                run -> rowSums(run, "03", "total", COLUMNS_03.subList(1, 6)));
    }

    static Rule w13() {
        return new DefinedRule(
                "W13",
                ERROR,
                T2,
                "05 every row: subtotal = basic + project",
                "一般公共预算财政拨款支出决算表：小计 = 基本支出 + 项目支出",
                run -> rowSums(run, "05", "subtotal", List.of("basic", "project")));
    }

    // ------------------------------------------------------------------------------------------------- W07

    static Rule w07() {
        return new DefinedRule(
                "W07",
                ERROR,
                T2,
                "02, 03, 05, 08 every column: 类 = sum of its 款, 款 = sum of its 项, total = sum of the 类",
                "类 = Σ款，款 = Σ项，合计 = Σ类",
                run -> {
                    Map<String, List<String>> tables = new LinkedHashMap<>();
                    tables.put("02", COLUMNS_02);
                    tables.put("03", COLUMNS_03);
                    tables.put("05", COLUMNS_05);
                    tables.put("08", COLUMNS_08);
                    if (run.f.anyNonZero("09")) {
                        tables.put("09", COLUMNS_08);
                    }
                    tables.forEach((table, columns) -> hierarchy(run, table, columns));
                });
    }

    /**
     * Parent row → its child rows: total → 类, 类 → 款, 款 → 项. The ancestors of every code count as rows even when
     * absent (an orphan 项 then fails against its zero 款).
     */
    static Map<String, List<String>> children(List<String> codes) {
        TreeSet<String> all = new TreeSet<>();
        for (String code : codes) {
            if (code.length() == 3 || code.length() == 5 || code.length() == 7) {
                all.add(code);
                all.add(code.substring(0, 3));
                if (code.length() == 7) {
                    all.add(code.substring(0, 5));
                }
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!all.isEmpty()) {
            out.put("total", all.stream().filter(c -> c.length() == 3).toList());
        }
        for (String parent : all) {
            if (parent.length() < 7) {
                out.put(
                        parent,
                        all.stream()
                                .filter(c -> c.length() == parent.length() + 2 && c.startsWith(parent))
                                .toList());
            }
        }
        return out;
    }

    private static void hierarchy(DefinedRule.Run run, String table, List<String> columns) {
        List<String> codes = run.f.codeRows(table);
        children(codes).forEach((parent, kids) -> {
            List<Comparison> cs = new ArrayList<>();
            for (String c : columns) {
                Term left = run.f.t(Figures.key(table, parent, c));
                List<Term> right = keys(run.f, mapped(kids, k -> Figures.key(table, k, c)));
                if (!Figures.allZero(List.of(left), right)) {
                    cs.add(run.eq(c, left, right));
                }
            }
            run.resultUnlessEmpty(table + "/" + parent, cs);
        });
    }

    // --------------------------------------------------------------------------------------------- 04: W09–W12

    static Rule w09() {
        return new DefinedRule(
                "W09",
                ERROR,
                T2,
                "04 income: total = general budget + government fund; opening balance = its sub-rows; "
                        + "grand total = total + opening balance",
                "财政拨款收入：本年收入合计、年初结转和结余、总计",
                run -> {
                    Figures f = run.f;
                    List<String> b = budgetColumns(run);
                    run.result(
                            null,
                            List.of(
                                    run.eq(
                                            "04/income.total",
                                            f.t(CellKeys.INCOME_TOTAL_04),
                                            keys(f, mapped(b, s -> CellKeys.income(CellKeys.T04, s)))),
                                    run.eq(
                                            "04/income.opening_balance",
                                            f.t(CellKeys.OPENING_BALANCE_04),
                                            keys(f, mapped(b, s -> CellKeys.openingBalance04(s)))),
                                    run.eq(
                                            "04/income.grand_total",
                                            f.t(CellKeys.INCOME_GRAND_TOTAL_04),
                                            f.terms(CellKeys.INCOME_TOTAL_04, CellKeys.OPENING_BALANCE_04))));
                });
    }

    static Rule w10() {
        return new DefinedRule(
                "W10",
                ERROR,
                T2,
                "04 every expense row: total = general budget + government fund",
                "财政拨款支出：合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款",
                run -> {
                    List<String> b = budgetColumns(run);
                    for (String row : expenseRows04(run.f)) {
                        Term left = run.f.t(Figures.key("04", row, "total"));
                        List<Term> right = keys(run.f, mapped(b, c -> Figures.key("04", row, c)));
                        if (!Figures.allZero(List.of(left), right)) {
                            run.result("04/" + row, List.of(run.eq(null, left, right)));
                        }
                    }
                });
    }

    /** 04 expense rows in print order: the 类, total, closing balance, grand total. */
    static List<String> expenseRows04(Figures f) {
        List<String> rows = new ArrayList<>(mapped(f.expenseClasses("04"), k -> "expenditure." + k));
        rows.addAll(List.of("expenditure.total", "expenditure.closing_balance", "expenditure.grand_total"));
        return rows;
    }

    static Rule w11() {
        return new DefinedRule(
                "W11",
                ERROR,
                T2,
                "04 every column: expense total = sum of the 类; grand total = total + closing balance; "
                        + "income grand total = expense grand total",
                "财政拨款：本年支出合计 = Σ类；总计 = 本年支出合计 + 年末结转和结余；收入总计 = 支出总计",
                run -> {
                    Figures f = run.f;
                    List<String> columns = new ArrayList<>(List.of("total"));
                    columns.addAll(budgetColumns(run));
                    List<Comparison> totals = new ArrayList<>();
                    List<Comparison> grand = new ArrayList<>();
                    for (String c : columns) {
                        Term total = f.t(CellKeys.expenditure04(CellKeys.TOTAL, c));
                        List<Term> classes = keys(f, mapped(f.expenseClasses("04"), k -> CellKeys.expenditure04(k, c)));
                        if (!Figures.allZero(List.of(total), classes)) {
                            totals.add(run.eq(c, total, classes));
                        }
                        Term grandTotal = f.t(CellKeys.expenditure04("grand_total", c));
                        List<Term> parts = f.terms(
                                CellKeys.expenditure04(CellKeys.TOTAL, c),
                                CellKeys.expenditure04(CellKeys.CLOSING_BALANCE, c));
                        if (!Figures.allZero(List.of(grandTotal), parts)) {
                            grand.add(run.eq(c, grandTotal, parts));
                        }
                    }
                    run.resultUnlessEmpty("04/expenditure.total", totals);
                    run.resultUnlessEmpty("04/expenditure.grand_total", grand);
                    run.result(
                            Phrase.INCOME_EQUALS_EXPENSE_GRAND_TOTAL.suffixing("04"),
                            ERROR,
                            T1,
                            List.of(run.cmp(
                                    null,
                                    T1,
                                    List.of(f.t(CellKeys.INCOME_GRAND_TOTAL_04)),
                                    Relation.EQ,
                                    List.of(f.t(CellKeys.EXPENDITURE_GRAND_TOTAL_04)))),
                            null);
                });
    }

    static Rule w12() {
        return new DefinedRule(
                "W12",
                ERROR,
                T2,
                "04 per budget type: income + opening balance = expenditure + closing balance",
                "财政拨款：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余",
                run -> {
                    Figures f = run.f;
                    List<Comparison> cs = new ArrayList<>();
                    for (String b : budgetColumns(run)) {
                        cs.add(run.cmp(
                                b,
                                f.terms(CellKeys.income(CellKeys.T04, b), CellKeys.openingBalance04(b)),
                                Relation.EQ,
                                f.terms(
                                        CellKeys.expenditure04(CellKeys.TOTAL, b),
                                        CellKeys.expenditure04(CellKeys.CLOSING_BALANCE, b))));
                    }
                    run.result(null, cs);
                });
    }

    // --------------------------------------------------------------------------------------------- 06: W14–W16

    /** The 类 of 06: 3-digit rows and the 类 of every 5-digit row. */
    static List<String> economicClasses(Figures f) {
        TreeSet<String> classes = new TreeSet<>();
        for (String code : f.codeRows("06")) {
            if (code.length() == 3 || code.length() == 5) {
                classes.add(code.substring(0, 3));
            }
        }
        return List.copyOf(classes);
    }

    static Rule w14() {
        return new DefinedRule("W14", ERROR, T2, "06 every 类 = sum of its 款", "基本支出决算表：类 = Σ款", run -> {
            List<String> codes = run.f.codeRows("06");
            for (String k : economicClasses(run.f)) {
                Term left = run.f.t(CellKeys.amount(CellKeys.T06, k));
                List<Term> right = keys(
                        run.f,
                        codes.stream()
                                .filter(c -> c.length() == 5 && c.startsWith(k))
                                .map(c -> CellKeys.amount(CellKeys.T06, c))
                                .toList());
                if (!Figures.allZero(List.of(left), right)) {
                    run.result("06/" + k, List.of(run.eq(null, left, right)));
                }
            }
        });
    }

    static Rule w15() {
        return new DefinedRule(
                "W15",
                ERROR,
                T2,
                "06 personnel total = 301 + 303",
                "人员经费合计 = 工资福利支出 + 对个人和家庭的补助",
                run -> run.result(
                        null,
                        List.of(run.eq(
                                null,
                                run.f.t(CellKeys.PERSONNEL_TOTAL_KEY),
                                run.f.terms(
                                        CellKeys.amount(CellKeys.T06, "301"), CellKeys.amount(CellKeys.T06, "303"))))));
    }

    static Rule w16() {
        return new DefinedRule(
                "W16",
                ERROR,
                T2,
                "06 public total = sum of the 类 other than 301 and 303",
                "公用经费合计 = 商品和服务支出 + 资本性支出 + …",
                run -> {
                    List<String> others = economicClasses(run.f).stream()
                            .filter(k -> !k.equals("301") && !k.equals("303"))
                            .toList();
                    run.result(
                            null,
                            List.of(run.eq(
                                    null,
                                    run.f.t(CellKeys.PUBLIC_TOTAL_KEY),
                                    keys(run.f, mapped(others, k -> CellKeys.amount(CellKeys.T06, k))))));
                    for (String k : others) {
                        if (!k.equals("302") && !k.equals("310") && run.f.nonZero(CellKeys.amount(CellKeys.T06, k))) {
                            String printed =
                                    run.f.t(CellKeys.amount(CellKeys.T06, k)).printed();
                            run.status(
                                    "06/" + k,
                                    WARNING,
                                    Status.WARN,
                                    Text.of(
                                            "06/" + k + "/amount " + printed
                                                    + " is counted in 公用经费; no published case shows it and [chk] counts only 302 + 310 "
                                                    + "(inferred warning)",
                                            "06/" + k + "/amount " + printed + " 计入了公用经费；已公开的决算中"
                                                    + "未见此例，公用经费通常只含302和310类（推断性警告）"));
                        }
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------- W17

    static Rule w17() {
        return new DefinedRule(
                "W17",
                ERROR,
                T2,
                "07 budget and actual: total = overseas travel + vehicles + reception; vehicles = purchase + "
                        + "operation; total 0 means every item 0",
                "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费",
                run -> {
                    Figures f = run.f;
                    for (String r : List.of("budget", "actual")) {
                        String p = CellKeys.T07 + "/" + r + "/";
                        List<Comparison> cs = new ArrayList<>();
                        cs.add(run.eq(
                                "total",
                                f.t(p + "total"),
                                f.terms(p + "overseas_travel", p + "vehicles", p + "reception")));
                        cs.add(run.eq(
                                "vehicles",
                                f.t(p + "vehicles"),
                                f.terms(p + "vehicle_purchase", p + "vehicle_operation")));
                        if (f.printsAsZero(p + "total")) {
                            for (String item : COLUMNS_07.subList(1, COLUMNS_07.size())) {
                                cs.add(run.cmp(
                                        "total 0 ⇒ " + item + " 0",
                                        T1,
                                        List.of(f.t(p + item)),
                                        Relation.EQ,
                                        List.of(Term.zero())));
                            }
                        }
                        run.result("07/" + r, cs);
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------- W18

    static Rule w18() {
        return new DefinedRule(
                "W18",
                ERROR,
                T2,
                "08 every row: expenditure = basic + project; closing = opening + income - expenditure",
                "政府性基金：支出 = 基本支出 + 项目支出；年末结转和结余 = 年初结转和结余 + 收入 − 支出",
                run -> {
                    List<String> tables = run.f.anyNonZero("09") ? List.of("08", "09") : List.of("08");
                    for (String table : tables) {
                        for (String row : run.f.rows(table)) {
                            String p = table + "/" + row + "/";
                            List<Comparison> cs = new ArrayList<>();
                            Term expenditure = run.f.t(p + "expenditure");
                            List<Term> kinds = run.f.terms(p + "basic", p + "project");
                            if (!Figures.allZero(List.of(expenditure), kinds)) {
                                cs.add(run.eq("expenditure", expenditure, kinds));
                            }
                            Term closing = run.f.t(p + "closing_balance");
                            List<Term> flow = List.of(
                                    run.f.t(p + "opening_balance"),
                                    run.f.t(p + "income"),
                                    run.f.neg(p + "expenditure"));
                            if (!Figures.allZero(List.of(closing), flow)) {
                                cs.add(run.eq("closing_balance", closing, flow));
                            }
                            run.resultUnlessEmpty(table + "/" + row, cs);
                        }
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------- W19

    static Rule w19() {
        return new DefinedRule(
                "W19",
                ERROR,
                EXACT,
                "Cell keys and codes well-formed (functional 3/5/7 digits, economic 3/5); codes and their parents "
                        + "in the year's catalogue; printed names = the year's names",
                "科目编码及名称",
                run -> {
                    w19Keys(run);
                    Set<String> functional = new TreeSet<>();
                    for (String table : List.of("02", "03", "05", "08", "09")) {
                        run.f.codeRows(table).stream()
                                .filter(c -> Set.of(3, 5, 7).contains(c.length()))
                                .forEach(functional::add);
                    }
                    functional.addAll(run.f.expenseClasses("01"));
                    functional.addAll(run.f.expenseClasses("04"));
                    Set<String> economic = new TreeSet<>();
                    run.f.codeRows("06").stream()
                            .filter(c -> c.length() == 3 || c.length() == 5)
                            .forEach(economic::add);
                    w19Catalogue(run, functional, economic);
                    w19Names(run, functional, economic);
                });
    }

    /** Every cell key well-formed. */
    private static void w19Keys(DefinedRule.Run run) {
        List<Text> bad = new ArrayList<>();
        for (String key : new TreeSet<>(run.in.cells().keys())) {
            Text problem = KeyGrammar.problem(key);
            if (problem != null) {
                bad.add(Text.of(key + " (" + problem.en() + ")", key + "（" + problem.zh() + "）"));
            }
        }
        int n = run.in.cells().keys().size();
        if (bad.isEmpty()) {
            run.pass(Phrase.CELL_KEYS.en(), Text.of(n + " cell keys well-formed", n + "个数据键格式正确"));
        } else {
            Text list = list(bad, "; ", "；");
            run.violated(
                    Phrase.CELL_KEYS.en(),
                    Text.of(bad.size() + " malformed: " + list.en(), bad.size() + "个数据键格式错误：" + list.zh()));
        }
    }

    /** Every code printed, and its parents, in the year's catalogue. */
    private static void w19Catalogue(DefinedRule.Run run, Set<String> functional, Set<String> economic) {
        Catalogue fc = run.in.functionalCatalogue();
        Catalogue ec = run.in.economicCatalogue();
        if (fc == null && ec == null) {
            run.skipped(Phrase.CATALOGUE.en(), NO_CATALOGUES);
            return;
        }
        List<Text> missing = new ArrayList<>();
        if (fc != null) {
            functional.stream().filter(c -> !fc.isValid(c)).forEach(c -> missing.add(Text.of(c + " (功能)", c + "（功能）")));
        }
        if (ec != null) {
            economic.stream().filter(c -> !ec.isValid(c)).forEach(c -> missing.add(Text.of(c + " (经济)", c + "（经济）")));
        }
        String scope = (fc == null ? "" : functional.size() + " functional") + (fc != null && ec != null ? " and " : "")
                + (ec == null ? "" : economic.size() + " economic") + " codes checked"
                + (fc == null ? "; functional catalogue not given" : "")
                + (ec == null ? "; economic catalogue not given" : "");
        String scopeZh = "已检查" + (fc == null ? "" : functional.size() + "个功能分类科目")
                + (fc != null && ec != null ? "和" : "") + (ec == null ? "" : economic.size() + "个经济分类科目")
                + (fc == null ? "；未提供功能分类目录" : "") + (ec == null ? "；未提供经济分类目录" : "");
        if (missing.isEmpty()) {
            run.pass(Phrase.CATALOGUE.en(), Text.of(scope, scopeZh));
        } else {
            Text list = list(missing, ", ", "，");
            run.violated(
                    Phrase.CATALOGUE.en(),
                    Text.of(
                            scope + "; not in the " + run.in.fiscalYear() + " catalogue (code or a parent): "
                                    + list.en(),
                            scopeZh + "；不在" + run.in.fiscalYear() + "年度目录中（科目或其上级）：" + list.zh()));
        }
    }

    /** Every name printed beside a code is the year's name of that code. */
    private static void w19Names(DefinedRule.Run run, Set<String> functional, Set<String> economic) {
        Catalogue fc = run.in.functionalCatalogue();
        Catalogue ec = run.in.economicCatalogue();
        Map<String, String> names = run.in.printedNames();
        if (names == null) {
            run.skipped(
                    Phrase.NAMES.en(),
                    Text.of(
                            "printed names were not given (the rendered tables do not exist yet)",
                            "未提供表中印出的科目名称（表格尚未生成）"));
            return;
        }
        if (fc == null && ec == null) {
            run.skipped(Phrase.NAMES.en(), NO_CATALOGUES);
            return;
        }
        List<Text> wrong = new ArrayList<>();
        new java.util.TreeMap<>(names).forEach((code, printed) -> {
            Catalogue c = economic.contains(code) || (!functional.contains(code) && code.startsWith("3")) ? ec : fc;
            String expected = c == null ? null : c.nameOf(code).orElse(null);
            if (c != null && !printed.equals(expected)) {
                String en = expected == null ? "(none)" : expected;
                String zh = expected == null ? "（无）" : expected;
                wrong.add(Text.of(
                        code + ": printed «" + printed + "», catalogue «" + en + "»",
                        code + "：表中为«" + printed + "»，目录为«" + zh + "»"));
            }
        });
        if (wrong.isEmpty()) {
            run.pass(
                    Phrase.NAMES.en(),
                    Text.of(
                            names.size() + " printed names match the " + run.in.fiscalYear() + " catalogue",
                            names.size() + "个印出的科目名称与" + run.in.fiscalYear() + "年度目录一致"));
        } else {
            Text list = list(wrong, "; ", "；");
            run.violated(Phrase.NAMES.en(), Text.of(list.en(), "科目名称与目录不一致：" + list.zh()));
        }
    }

    /** The first 20 items joined in each language, and how many more there are: a long list would bury the text. */
    private static Text list(List<Text> items, String enSeparator, String zhSeparator) {
        List<Text> first = new ArrayList<>(items.subList(0, Math.min(20, items.size())));
        if (items.size() > 20) {
            first.add(Text.of("… " + (items.size() - 20) + " more", "… 另有" + (items.size() - 20) + "项"));
        }
        return Text.of(
                first.stream().map(Text::en).collect(java.util.stream.Collectors.joining(enSeparator)),
                first.stream().map(Text::zh).collect(java.util.stream.Collectors.joining(zhSeparator)));
    }
}
