package org.budgetledger.contract;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The free text a unit gives for its 情况说明, one key per slot of the report: where it prints, and when. The ledger
 * accepts exactly these keys (any other is refused), warns about one that cannot print for the unit and year, and the
 * report reads them from here. {@code docs/NARRATIVE.md} lists them with the sentence each completes.
 */
public enum NarrativeKey {
    DUTIES("duties", Form.PARAGRAPHS, When.ALWAYS, "概况 一、部门职责 (replaces the profile's duties)"),
    ORGANIZATION("organization", Form.PARAGRAPHS, When.ALWAYS, "概况 二、机构设置 (replaces the generated sentence)"),
    REASONS_INCOME("reasons.income", Form.SENTENCE, When.PREVIOUS_YEAR, "一: 主要原因 of the change of 收入总计 on Y−1"),
    REASONS_EXPENDITURE(
            "reasons.expenditure", Form.SENTENCE, When.PREVIOUS_YEAR, "一: 主要原因 of the change of 支出总计 on Y−1"),
    REASONS_FISCAL("reasons.fiscal", Form.SENTENCE, When.PREVIOUS_YEAR, "四: 主要原因 of the change of 财政拨款支出总计 on Y−1"),
    REASONS_GENERAL_BUDGET(
            "reasons.general_budget",
            Form.SENTENCE,
            When.BUDGET,
            "五(三): 主要原因 why the 财政拨款支出决算 differs from its budget"),
    REASONS_BASIC("reasons.basic", Form.PARAGRAPHS, When.ALWAYS, "六: paragraphs after the 基本支出 sentence"),
    REASONS_SANGONG(
            "reasons.sangong",
            Form.SENTENCE,
            When.BUDGET_OR_PREVIOUS_YEAR,
            "七(一): 主要原因 why the 三公 决算 differs from its budget (else from Y−1)"),
    REASONS_OPERATING_COSTS(
            "reasons.operating_costs", Form.SENTENCE, When.PREVIOUS_YEAR, "十(一): 主要原因 of the change of 机关运行经费 on Y−1"),
    REASONS_NO_COMPARISON(
            "reasons.noComparison",
            Form.SENTENCE,
            When.NO_PREVIOUS_YEAR,
            "一, 四, 五, 七, 十(一): the unit's own cause of “…，所以无上年可比较数据” where there is nothing to compare with"),
    PURPOSES_TRAINING("purposes.training", Form.SENTENCE, When.ALWAYS, "十(二): 开支培训费…，用于开展«…»"),
    PURPOSES_MEETINGS("purposes.meetings", Form.SENTENCE, When.ALWAYS, "十(二): 开支会议费…，用于开展«…»"),
    PURPOSES_RECEPTION("purposes.reception", Form.SENTENCE, When.ALWAYS, "七(二): 公务接待费…，主要是«…»"),
    PURPOSES_OVERSEAS_TRAVEL("purposes.overseas_travel", Form.SENTENCE, When.ALWAYS, "七(二): 因公出国（境）费…，主要用于«…»"),
    PURPOSES_VEHICLES("purposes.vehicles", Form.SENTENCE, When.ALWAYS, "七(二): 公务用车购置费及运行维护费…，主要用于«…»"),
    PERFORMANCE("performance", Form.PARAGRAPHS, When.ALWAYS, "九 (十 from 2020): 预算绩效情况说明 (else 无。)"),
    PERFORMANCE_REPORT("performance.report", Form.PARAGRAPHS, When.ALWAYS, "第五部分 其他: 绩效自评报告"),
    OTHER("other", Form.PARAGRAPHS, When.ALWAYS, "十(五) 其他 (the subsection prints only with it)"),
    CONTACT("contact", Form.PARAGRAPHS, When.ALWAYS, "the closing lines of the report (联系方式)"),
    ASSETS("assets", Form.PARAGRAPHS, When.ALWAYS, "十(四) 国有资产占用情况 (replaces the all-zero sentence)"),
    ASSETS_VEHICLES_HELD("assets.vehicles_held", Form.COUNT, When.ALWAYS, "七(二): 公务用车保有量为N辆 (0 when absent)");

    /** {@code reasons.general_budget.{项}}: the variance reason of one 项 (7 digits) in 五(三). */
    public static final Pattern PER_ITEM_REASON = Pattern.compile("reasons\\.general_budget\\.(\\d{7})");

    public static final int MAX_TEXT = 50_000;
    public static final int MAX_COUNT = 999_999;

    /** How the text is used: a fragment inside a sentence, whole paragraphs, or a whole number. */
    public enum Form {
        SENTENCE,
        PARAGRAPHS,
        COUNT
    }

    /** When the text prints. */
    public enum When {
        ALWAYS,
        /** Only where Y−1 has figures and the figure changed on them. */
        PREVIOUS_YEAR,
        /** Only where there is nothing to compare with: Y−1 has no figures. */
        NO_PREVIOUS_YEAR,
        /** Only where a budget exists and the figure differs from it. */
        BUDGET,
        /** Where a budget exists and differs, or else where the figure changed on Y−1. */
        BUDGET_OR_PREVIOUS_YEAR
    }

    private final String key;
    private final Form form;
    private final When when;
    private final String where;

    NarrativeKey(String key, Form form, When when, String where) {
        this.key = key;
        this.form = form;
        this.when = when;
        this.where = where;
    }

    public String key() {
        return key;
    }

    public Form form() {
        return form;
    }

    public When when() {
        return when;
    }

    /** Where in the report the text prints (for the API's answers and the docs). */
    public String where() {
        return where;
    }

    public static Optional<NarrativeKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The key of one 项's variance reason. */
    public static String perItemReason(String functionalCode) {
        return REASONS_GENERAL_BUDGET.key + "." + functionalCode;
    }
}
