package org.budgetledger.projection.report.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.budgetledger.contract.Activity;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.report.domain.TableSpec.Coded;
import org.budgetledger.projection.report.domain.Template.Topic;

/**
 * 第三部分 情况说明 (docs/DOMAIN.md#explanatory-part): one section per topic of the template's outline, sentences from its wording, amounts
 * from the printed cells in the narrative format, percents from exact amounts, comparisons with Y−1 when the
 * previous year's figures exist (else "无上年可比较数据", with the unit's own cause if it gave one), budget completion when budgets exist.
 */
final class Explanation {

    private final Template template;
    private final Wording w;
    private final int year;
    private final String unitName;
    private final FigureView f;
    private final Optional<FigureView> prev;
    private final Narrative narrative;
    private final TableBuilder tables;
    private final TextNumbers numbers;

    Explanation(Template template, ReportInput input, String unitName, FigureView figures, TableBuilder tables) {
        this.template = template;
        this.w = template.wording();
        this.year = input.fiscalYear();
        this.unitName = unitName;
        this.f = figures;
        this.prev = input.previousFigures().map(FigureView::new);
        this.narrative = new Narrative(input.narrative());
        this.tables = tables;
        this.numbers = template.numbers();
    }

    List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        int n = 0;
        for (Topic topic : template.outline()) {
            n++;
            String heading = Numerals.of(n) + "、" + title(topic);
            sections.add(
                    switch (topic) {
                        case TOTALS -> new Section(heading, totals(), List.of());
                        case INCOME -> Section.of(heading, List.of(shares("INCOME", CellKeys.T02)));
                        case EXPENDITURE -> Section.of(heading, List.of(shares("EXPENDITURE", CellKeys.T03)));
                        case FISCAL_TOTALS -> Section.of(heading, fiscalTotals());
                        case GENERAL_BUDGET -> new Section(heading, List.of(), generalBudget());
                        case BASIC -> Section.of(heading, basic());
                        case SANGONG -> new Section(heading, List.of(), sangong());
                        case GOVERNMENT_FUND -> Section.of(heading, List.of(fund("GOVERNMENT_FUND", "08")));
                        case STATE_CAPITAL -> Section.of(heading, List.of(fund("STATE_CAPITAL", "09")));
                        case PERFORMANCE -> Section.of(heading, performance());
                        case OTHER_MATTERS -> new Section(heading, List.of(), otherMatters());
                    });
        }
        return sections;
    }

    String title(Topic topic) {
        return fill("s." + topic.name() + ".title", "Y", year);
    }

    /** The title 目录 prints (the 预算绩效 section's is shorter). */
    String contentsTitle(Topic topic) {
        String key = "s." + topic.name() + ".contents";
        return w.has(key) ? fill(key, "Y", year) : title(topic);
    }

    // ---------------------------------------------------------------- comparisons

    /**
     * Why there is nothing to compare with, in the unit's own words ({@code reasons.noComparison}), where the seed
     * prints its cause; nothing when the unit gave none, or when Y−1 exists.
     */
    private String cause() {
        return prev.isPresent()
                ? ""
                : narrative
                        .fragment(Narrative.REASONS_NO_COMPARISON)
                        .map(t -> fill("cause", "text", t))
                        .orElse("");
    }

    /** The cause followed by 所以 ("…，所以无…"), or nothing. */
    private String causeTherefore() {
        String cause = cause();
        return cause.isEmpty() ? "" : cause + w.get("cause.therefore");
    }

    /**
     * The pattern filled with these values and the fixed amounts some patterns print (zero, the asset thresholds), in
     * the template's number style.
     */
    private String fill(String key, Object... values) {
        Object[] all = Arrays.copyOf(values, values.length + 6);
        Object[] fixed = {
            "zero", numbers.amount(0), "wan50", numbers.amount(50_0000_00L), "wan100", numbers.amount(100_0000_00L)
        };
        System.arraycopy(fixed, 0, all, values.length, fixed.length);
        return w.fill(key, all);
    }

    private String wan(String key) {
        return numbers.amount(f.fen(key));
    }

    /** "与{Y−1}年度相比，增加A万元，增长P%" (style with) or "比{Y−1}年度增加…" (style than); empty without Y−1. */
    private Optional<String> versusPrevious(String key, String style) {
        return prev.map(p -> {
            long now = f.fen(key);
            long before = p.fen(key);
            long delta = now - before;
            String amount = numbers.amount(Math.abs(delta));
            Object[] common = {"prevY", year - 1, "A", amount};
            if (Amounts.printsZero(delta)) {
                return fill("cmp." + style + ".flat", common);
            }
            if (before == 0) {
                return fill("cmp." + style + ".increase.noBase", common);
            }
            String percent = numbers.percent(Math.abs(delta), Math.abs(before));
            return fill(
                    "cmp." + style + (delta > 0 ? ".increase" : ".decrease"),
                    "prevY",
                    year - 1,
                    "A",
                    amount,
                    "P",
                    percent);
        });
    }

    private boolean changed(String key) {
        return prev.map(p -> !Amounts.printsZero(f.fen(key) - p.fen(key))).orElse(false);
    }

    /** The comparison with Y−1 closing a sentence: "…。" with the reason when it changed, or the new-unit wording. */
    private String yearOnYear(String key, String style, String reasonKey) {
        Optional<String> versus = versusPrevious(key, style);
        if (versus.isEmpty()) {
            return causeTherefore() + w.get("none.previous") + "。";
        }
        String reason = reasonKey != null && changed(key) ? reason(reasonKey) : "";
        return versus.get() + "。" + reason;
    }

    private String reason(String key) {
        return narrative.fragment(key).map(t -> fill("reason", "text", t)).orElse("");
    }

    /** 大于 / 小于 / 持平 of the printed amounts. */
    private String budgetCompare(long actual, long budget, String stage) {
        int c = new BigDecimal(Amounts.printed(actual)).compareTo(new BigDecimal(Amounts.printed(budget)));
        String s = w.get("budget.stage." + stage);
        return fill(c > 0 ? "budget.more" : c < 0 ? "budget.less" : "budget.flat", "stage", s);
    }

    private static boolean samePrinted(long a, long b) {
        return Amounts.printed(a).equals(Amounts.printed(b));
    }

    private String pct(long part, long whole) {
        return numbers.percent(part, whole);
    }

    // ---------------------------------------------------------------- 一 二 三 四

    private List<String> totals() {
        return List.of(
                fill("s.TOTALS.income", "Y", year, "A", wan(CellKeys.INCOME_GRAND_TOTAL_01))
                        + yearOnYear(CellKeys.INCOME_GRAND_TOTAL_01, "with", Narrative.REASONS_INCOME),
                fill("s.TOTALS.expenditure", "Y", year, "A", wan(CellKeys.EXPENDITURE_GRAND_TOTAL_01))
                        + yearOnYear(CellKeys.EXPENDITURE_GRAND_TOTAL_01, "with", Narrative.REASONS_EXPENDITURE));
    }

    /** 二 / 三: the total and every column with its share, zeros as "0万元，占0%". */
    /** The total of a table by function, then each column's share of it ({@code s.<topic>.names} lists the columns). */
    private String shares(String topic, String table) {
        String totalKey = CellKeys.total(table, CellKeys.TOTAL);
        StringBuilder s = new StringBuilder(fill("s." + topic + ".lead", "A", wan(totalKey)));
        long total = f.fen(totalKey);
        List<String> items = new ArrayList<>();
        names(w.get("s." + topic + ".names"))
                .forEach((column, name) -> items.add(fill(
                        "s." + topic + ".item",
                        "name",
                        name,
                        "A",
                        wan(CellKeys.total(table, column)),
                        "P",
                        pct(f.fen(CellKeys.total(table, column)), total))));
        return s.append(String.join("；", items)).append("。").toString();
    }

    /** "a=x;b=y" → ordered map. */
    private static Map<String, String> names(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : spec.split(";")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    private List<String> fiscalTotals() {
        return List.of(
                fill("s.FISCAL_TOTALS.income", "Y", year, "A", wan(CellKeys.INCOME_GRAND_TOTAL_04))
                        + yearOnYear(CellKeys.INCOME_GRAND_TOTAL_04, "with", null),
                fill("s.FISCAL_TOTALS.expenditure", "Y", year, "A", wan(CellKeys.EXPENDITURE_GRAND_TOTAL_04))
                        + yearOnYear(CellKeys.EXPENDITURE_GRAND_TOTAL_04, "with", Narrative.REASONS_FISCAL));
    }

    // ---------------------------------------------------------------- 五

    private List<Section> generalBudget() {
        String total = CellKeys.GENERAL_BUDGET_TOTAL_05;
        List<Section> subs = new ArrayList<>();
        subs.add(Section.of(
                w.get("s.GENERAL_BUDGET.1.title"),
                List.of(fill(
                                "s.GENERAL_BUDGET.1",
                                "Y",
                                year,
                                "A",
                                wan(total),
                                "P",
                                pct(f.fen(total), f.fen(CellKeys.total(CellKeys.T03, CellKeys.TOTAL))))
                        + yearOnYear(total, "with", null))));

        Set<String> codes = tables.functionalCodes("05", CellKeys.COLUMNS_05);
        subs.add(Section.of(w.get("s.GENERAL_BUDGET.2.title"), List.of(generalBudgetStructure(codes))));
        subs.add(Section.of(w.get("s.GENERAL_BUDGET.3.title"), generalBudgetDetail(codes)));
        return subs;
    }

    /** The 类 of the year's general-budget spending, each with its share. */
    private String generalBudgetStructure(Set<String> codes) {
        String total = CellKeys.GENERAL_BUDGET_TOTAL_05;
        List<String> classes = codes.stream()
                .filter(c -> c.length() == 3 && f.printsNonZero(CellKeys.key(CellKeys.T05, c, CellKeys.SUBTOTAL)))
                .toList();
        String structure;
        if (classes.isEmpty()) {
            structure = fill("s.GENERAL_BUDGET.2.lead", "Y", year, "A", wan(total));
        } else {
            structure = fill("s.GENERAL_BUDGET.2.lead", "Y", year, "A", wan(total))
                    + classes.stream()
                            .map(c -> fill(
                                    "s.GENERAL_BUDGET.2.item",
                                    "name",
                                    withoutExpenditure(tables.functionalName(c)),
                                    "A",
                                    wan(CellKeys.key(CellKeys.T05, c, CellKeys.SUBTOTAL)),
                                    "P",
                                    pct(f.fen(CellKeys.key(CellKeys.T05, c, CellKeys.SUBTOTAL)), f.fen(total))))
                            .collect(Collectors.joining("；"))
                    + "。";
        }
        return structure;
    }

    /** Against the budget, in all and per 项 (with the unit's reason for a 项 where it has given one). */
    private List<String> generalBudgetDetail(Set<String> codes) {
        String total = CellKeys.GENERAL_BUDGET_TOTAL_05;
        List<String> detail = new ArrayList<>();
        boolean budgets = budgetsExist();
        long actual = f.fen(total);
        if (!budgets) {
            detail.add(fill("s.GENERAL_BUDGET.3.noBudget", "cause", cause(), "Y", year, "A", wan(total)));
        } else {
            detail.add(budgetSentence(
                            "s.GENERAL_BUDGET.3.",
                            actual,
                            f.fen(Facts.budgetKey("total", Facts.INITIAL)),
                            f.fen(Facts.budgetKey("total", Facts.FULL)),
                            Narrative.REASONS_GENERAL_BUDGET)
                    + w.get("s.GENERAL_BUDGET.3.then"));
        }
        int n = 0;
        for (String code : codes) {
            if (code.length() != 7 || !f.printsNonZero(CellKeys.key(CellKeys.T05, code, CellKeys.SUBTOTAL))) {
                continue;
            }
            n++;
            detail.add(fill(
                    "s.GENERAL_BUDGET.3.item",
                    "n",
                    n,
                    "class",
                    tables.functionalName(code.substring(0, 3)),
                    "kind",
                    tables.functionalName(code.substring(0, 5)),
                    "item",
                    tables.functionalName(code)));
            String amount = CellKeys.key(CellKeys.T05, code, CellKeys.SUBTOTAL);
            if (!budgets) {
                detail.add(fill("s.GENERAL_BUDGET.3.item.noBudget", "A", wan(amount), "because", causeTherefore()));
            } else {
                detail.add(budgetSentence(
                        "s.GENERAL_BUDGET.3.item.",
                        f.fen(amount),
                        f.fen(Facts.budgetKey(code, Facts.INITIAL)),
                        f.fen(Facts.budgetKey(code, Facts.FULL)),
                        Narrative.REASONS_GENERAL_BUDGET + "." + code));
            }
        }
        return detail;
    }

    private boolean budgetsExist() {
        return f.fen(Facts.budgetKey("total", Facts.POSTINGS)) > 0
                || f.fen(Facts.budgetKey("total", Facts.INITIAL)) != 0
                || f.fen(Facts.budgetKey("total", Facts.FULL)) != 0;
    }

    /**
     * 完成年初预算 over the opening budget; over the full-year budget when the opening budget is 0 and the full-year
     * one positive (docs/DOMAIN.md#budgets-and-completion-rates); no rate when both are 0. The reason text follows when 决算 ≠ 预算.
     */
    private String budgetSentence(String prefix, long actual, long initial, long full, String reasonKey) {
        String sentence;
        long budget;
        if (!Amounts.printsZero(initial)) {
            budget = initial;
            sentence = fill(
                    prefix + "budget",
                    "Y",
                    year,
                    "I",
                    numbers.amount(initial),
                    "A",
                    numbers.amount(actual),
                    "P",
                    pct(actual, initial),
                    "compare",
                    budgetCompare(actual, initial, "initial"));
        } else if (full > 0 && !Amounts.printsZero(full)) {
            budget = full;
            sentence = fill(
                    prefix + "fullBudget",
                    "Y",
                    year,
                    "F",
                    numbers.amount(full),
                    "A",
                    numbers.amount(actual),
                    "P",
                    pct(actual, full),
                    "compare",
                    budgetCompare(actual, full, "full"));
        } else {
            budget = 0;
            sentence = fill(
                    prefix + "zeroBudget",
                    "Y",
                    year,
                    "A",
                    numbers.amount(actual),
                    "compare",
                    budgetCompare(actual, 0, "initial"));
        }
        return sentence + (samePrinted(actual, budget) ? "" : reason(reasonKey));
    }

    private static String withoutExpenditure(String name) {
        return name.endsWith("支出") ? name.substring(0, name.length() - 2) : name;
    }

    // ---------------------------------------------------------------- 六

    private List<String> basic() {
        long basic = f.fen(CellKeys.total(CellKeys.T05, "basic"));
        long personnel = f.fen(CellKeys.PERSONNEL_TOTAL_KEY);
        long common = f.fen(CellKeys.PUBLIC_TOTAL_KEY);
        List<String> personnelNames = new ArrayList<>();
        List<String> publicNames = new ArrayList<>();
        template.tables().stream()
                .filter(t -> t instanceof TableSpec.Economic)
                .map(t -> (TableSpec.Economic) t)
                .findFirst()
                .ifPresent(spec -> {
                    for (List<Coded> group : tables.economicGroups(spec)) {
                        for (Coded c : group) {
                            if (c.code().length() == 5 && f.printsNonZero(CellKeys.amount(CellKeys.T06, c.code()))) {
                                (spec.personnelClasses().contains(c.code().substring(0, 3))
                                                ? personnelNames
                                                : publicNames)
                                        .add(c.name());
                            }
                        }
                    }
                });
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(fill(
                "s.BASIC",
                "Y",
                year,
                "A",
                numbers.amount(basic),
                "B",
                numbers.amount(personnel),
                "P",
                pct(personnel, basic),
                "personnel",
                items(personnelNames),
                "C",
                numbers.amount(common),
                "Q",
                pct(common, basic),
                "public",
                items(publicNames)));
        narrative.text(Narrative.REASONS_BASIC).ifPresent(t -> paragraphs.addAll(Narrative.paragraphsOf(t)));
        return paragraphs;
    }

    private String items(List<String> names) {
        return names.isEmpty() ? "" : fill("s.BASIC.items", "names", String.join("、", names));
    }

    // ---------------------------------------------------------------- 七

    private List<Section> sangong() {
        Map<String, String> names = names(w.get("s.SANGONG.names"));
        List<String> items = template.table("07")
                .filter(t -> t instanceof TableSpec.Sangong)
                .map(t -> ((TableSpec.Sangong) t).items())
                .orElse(CellKeys.ITEMS_07);
        boolean budget = tables.sangongBudgetExists(items);
        List<String> overall = sangongOverall(names, budget);
        List<String> detail = sangongDetail(names);
        return List.of(Section.of(w.get("s.SANGONG.1.title"), overall), Section.of(w.get("s.SANGONG.2.title"), detail));
    }

    /** 三公 against the budget (or without one), item by item, with the unit's reason where it has given one. */
    private List<String> sangongOverall(Map<String, String> names, boolean budget) {
        long actualTotal = f.fen(CellKeys.sangongActual(CellKeys.TOTAL));
        long budgetTotal = f.fen(CellKeys.sangongBudget(CellKeys.TOTAL));
        List<String> overall = new ArrayList<>();
        overall.add(
                budget
                        ? fill(
                                "s.SANGONG.1.budget",
                                "B",
                                wan(CellKeys.sangongBudget(CellKeys.TOTAL)),
                                "A",
                                wan(CellKeys.sangongActual(CellKeys.TOTAL)),
                                "P",
                                pct(actualTotal, budgetTotal))
                        : fill(
                                "s.SANGONG.1.noBudget",
                                "because",
                                causeTherefore(),
                                "A",
                                wan(CellKeys.sangongActual(CellKeys.TOTAL))));
        for (String item : order("s.SANGONG.1.order")) {
            String actual = CellKeys.sangongActual(item);
            List<String> parts = new ArrayList<>();
            boolean causeUsed = false;
            if (!budget) {
                parts.add(fill("s.SANGONG.1.item.noBudget", "because", causeTherefore()));
                causeUsed = prev.isEmpty();
            } else if (f.printsNonZero(CellKeys.sangongBudget(item))) {
                parts.add(fill(
                        "s.SANGONG.1.item.budget",
                        "B",
                        wan(CellKeys.sangongBudget(item)),
                        "P",
                        pct(f.fen(actual), f.fen(CellKeys.sangongBudget(item)))));
            } else {
                parts.add(w.get("s.SANGONG.1.item.zeroBudget"));
            }
            parts.add(versusPrevious(actual, "than")
                    .orElse((causeUsed ? "" : causeTherefore()) + w.get("none.previous")));
            overall.add(fill(
                    "s.SANGONG.1.item", "name", names.get(item), "A", wan(actual), "compare", String.join("，", parts)));
        }
        Optional<String> sangongReason = narrative.fragment(Narrative.REASONS_SANGONG);
        if (sangongReason.isPresent() && budget && !samePrinted(actualTotal, budgetTotal)) {
            overall.add(fill(
                    "s.SANGONG.1.reason",
                    "compare",
                    budgetCompare(actualTotal, budgetTotal, "none"),
                    "text",
                    sangongReason.get()));
        } else if (sangongReason.isPresent() && changed(CellKeys.sangongActual(CellKeys.TOTAL))) {
            overall.add(fill("reason", "text", sangongReason.get()));
        }

        return overall;
    }

    /** Each 三公 item: its amount, groups and persons (or vehicles), and what it was spent on. */
    private List<String> sangongDetail(Map<String, String> names) {
        long actualTotal = f.fen(CellKeys.sangongActual(CellKeys.TOTAL));
        List<String> detail = new ArrayList<>();
        String lead = order("s.SANGONG.2.order").stream()
                .map(item -> fill(
                        "s.SANGONG.2.lead.item",
                        "name",
                        names.get(item),
                        "A",
                        wan(CellKeys.sangongActual(item)),
                        "P",
                        pct(f.fen(CellKeys.sangongActual(item)), actualTotal)))
                .collect(Collectors.joining("，"));
        detail.add(fill("s.SANGONG.2.lead", "Y", year, "items", lead));
        int n = 0;
        for (String item : order("s.SANGONG.1.order")) {
            n++;
            String actual = CellKeys.sangongActual(item);
            String base = sangongItem(item, n, actual);
            Optional<String> tail = narrative
                    .fragment("purposes." + item)
                    .map(t -> fill("s.SANGONG.2." + item + ".purpose", "text", t));
            if (tail.isEmpty()
                    && !f.printsNonZero(actual)
                    && w.has("s.SANGONG.2." + item + ".none")
                    && !w.get("s.SANGONG.2." + item + ".none").isEmpty()) {
                tail = Optional.of(w.get("s.SANGONG.2." + item + ".none"));
            }
            detail.add(base + tail.map(t -> "，" + t).orElse("") + "。");
        }
        return detail;
    }

    private String sangongItem(String item, int n, String actual) {
        return switch (item) {
            case "overseas_travel" ->
                fill(
                        "s.SANGONG.2.overseas_travel",
                        "n",
                        n,
                        "A",
                        wan(actual),
                        "G",
                        count(Activity.Kind.OVERSEAS_TRIP, Facts.GROUPS),
                        "N",
                        count(Activity.Kind.OVERSEAS_TRIP, Facts.PERSONS));
            case "reception" ->
                fill(
                        "s.SANGONG.2.reception",
                        "n",
                        n,
                        "A",
                        wan(actual),
                        "G",
                        count(Activity.Kind.RECEPTION, Facts.GROUPS),
                        "N",
                        count(Activity.Kind.RECEPTION, Facts.PERSONS));
            default ->
                fill(
                        "s.SANGONG.2.vehicles",
                        "n",
                        n,
                        "A",
                        wan(CellKeys.sangongActual(CellKeys.VEHICLES)),
                        "B",
                        wan(CellKeys.sangongActual("vehicle_purchase")),
                        "单位",
                        unitName,
                        "G",
                        count(Activity.Kind.VEHICLE, Facts.GROUPS),
                        "C",
                        wan(CellKeys.sangongActual("vehicle_operation")),
                        "Y",
                        year,
                        "H",
                        vehiclesHeld());
        };
    }

    private List<String> order(String key) {
        return Arrays.stream(w.get(key).split(",")).map(String::strip).toList();
    }

    private long count(Activity.Kind kind, String measure) {
        return f.fen(Facts.activityKey(kind, measure));
    }

    private String vehiclesHeld() {
        return narrative
                .text(Narrative.ASSETS_VEHICLES_HELD)
                .filter(t -> t.matches("\\d{1,6}"))
                .orElse("0");
    }

    // ---------------------------------------------------------------- 八 / 国有资本经营

    private String fund(String topic, String table) {
        String p = table + "/total/";
        String sentence = fill(
                "s." + topic,
                "Y",
                year,
                "income",
                wan(p + "income"),
                "opening",
                wan(p + "opening_balance"),
                "expenditure",
                wan(p + "expenditure"),
                "basic",
                wan(p + "basic"),
                "project",
                wan(p + "project"),
                "closing",
                wan(p + "closing_balance"));
        return f.anyNonZero(table + "/") ? sentence : sentence + fill("s." + topic + ".none", "Y", year);
    }

    // ---------------------------------------------------------------- 九

    private List<String> performance() {
        List<String> paragraphs = narrative.paragraphs(Narrative.PERFORMANCE);
        return paragraphs.isEmpty() ? List.of(w.get("s.PERFORMANCE.none")) : paragraphs;
    }

    // ---------------------------------------------------------------- 十

    private List<Section> otherMatters() {
        List<Section> subs = new ArrayList<>();
        String ops = CellKeys.OPERATING_COSTS_KEY;
        String opsText = fill("s.OTHER_MATTERS.1", "Y", year, "A", wan(ops))
                + (prev.isPresent()
                        ? yearOnYear(ops, "than", Narrative.REASONS_OPERATING_COSTS)
                        : fill("s.OTHER_MATTERS.1.noPrevious", "cause", cause()));
        subs.add(Section.of(w.get("s.OTHER_MATTERS.1.title"), List.of(opsText)));

        String festivals = CellKeys.FESTIVALS_KEY;
        subs.add(Section.of(
                w.get("s.OTHER_MATTERS.2.title"),
                List.of(fill(
                        "s.OTHER_MATTERS.2",
                        "Y",
                        year,
                        "M",
                        wan(CellKeys.MEETINGS_KEY),
                        "meetings",
                        activity(CellKeys.MEETINGS_KEY, Activity.Kind.MEETING, Narrative.PURPOSES_MEETINGS),
                        "T",
                        wan(CellKeys.TRAINING_KEY),
                        "training",
                        activity(CellKeys.TRAINING_KEY, Activity.Kind.TRAINING, Narrative.PURPOSES_TRAINING),
                        "festivals",
                        fill(
                                f.printsNonZero(festivals)
                                        ? "s.OTHER_MATTERS.2.festivals"
                                        : "s.OTHER_MATTERS.2.festivals.none",
                                "A",
                                wan(festivals))))));

        long total = f.fen(CellKeys.PROCUREMENT_TOTAL_KEY);
        subs.add(Section.of(
                w.get("s.OTHER_MATTERS.3.title"),
                List.of(fill(
                        "s.OTHER_MATTERS.3",
                        "Y",
                        year,
                        "A",
                        wan(CellKeys.PROCUREMENT_TOTAL_KEY),
                        "G",
                        wan(CellKeys.amount(CellKeys.PROCUREMENT, "goods")),
                        "W",
                        wan(CellKeys.amount(CellKeys.PROCUREMENT, "works")),
                        "S",
                        wan(CellKeys.amount(CellKeys.PROCUREMENT, "services")),
                        "M",
                        wan(CellKeys.PROCUREMENT_SME_KEY),
                        "P",
                        pct(f.fen(CellKeys.PROCUREMENT_SME_KEY), total),
                        "X",
                        wan(CellKeys.PROCUREMENT_SMALL_MICRO_KEY),
                        "Q",
                        pct(f.fen(CellKeys.PROCUREMENT_SMALL_MICRO_KEY), total)))));

        List<String> assets = narrative.paragraphs(Narrative.ASSETS);
        subs.add(Section.of(
                w.get("s.OTHER_MATTERS.4.title"),
                assets.isEmpty() ? List.of(fill("s.OTHER_MATTERS.4", "Y", year)) : assets));

        List<String> other = narrative.paragraphs(Narrative.OTHER);
        if (!other.isEmpty()) {
            subs.add(Section.of(w.get("s.OTHER_MATTERS.5.title"), other));
        }
        return subs;
    }

    /** "，用于开展«…»，人数N人" when the item was spent on or counted, else nothing. */
    private String activity(String amountKey, Activity.Kind kind, String purposeKey) {
        long persons = count(kind, Facts.PERSONS);
        if (!f.printsNonZero(amountKey) && persons <= 0) {
            return "";
        }
        String purpose = narrative
                .fragment(purposeKey)
                .map(t -> fill("s.OTHER_MATTERS.2.purpose", "text", t))
                .orElse("");
        return purpose + (persons > 0 ? fill("s.OTHER_MATTERS.2.persons", "N", persons) : "");
    }
}
