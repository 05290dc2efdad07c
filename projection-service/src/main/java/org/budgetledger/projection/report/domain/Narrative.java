package org.budgetledger.projection.report.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The free-text section keys the report reads (DOMAIN §6.3) and how free text is cleaned. Absent or blank text
 * leaves its slot out of the sentence.
 *
 * <p>Beyond §6.3 the report also reads: {@code organization} (replaces the generated 机构设置 sentence),
 * {@code reasons.general_budget.{项}} (variance reason of one 项 in 五(三)), {@code purposes.reception} and
 * {@code purposes.overseas_travel} (七(二)'s «主要是…» / «主要用于…»), {@code assets} (replaces the all-zero 国有资产占用
 * sentence of 十(四)) and {@code assets.vehicles_held} (an integer: 七(二)'s 公务用车保有量, 0 when absent).
 */
public final class Narrative {

    public static final String DUTIES = "duties";
    public static final String ORGANIZATION = "organization";
    public static final String REASONS_INCOME = "reasons.income";
    public static final String REASONS_EXPENDITURE = "reasons.expenditure";
    public static final String REASONS_FISCAL = "reasons.fiscal";
    public static final String REASONS_GENERAL_BUDGET = "reasons.general_budget";
    public static final String REASONS_BASIC = "reasons.basic";
    public static final String REASONS_SANGONG = "reasons.sangong";
    public static final String REASONS_OPERATING_COSTS = "reasons.operating_costs";
    public static final String PURPOSES_TRAINING = "purposes.training";
    public static final String PURPOSES_MEETINGS = "purposes.meetings";
    public static final String PERFORMANCE = "performance";
    public static final String PERFORMANCE_REPORT = "performance.report";
    public static final String OTHER = "other";
    public static final String CONTACT = "contact";
    public static final String ASSETS = "assets";
    public static final String ASSETS_VEHICLES_HELD = "assets.vehicles_held";

    private final Map<String, String> sections;

    Narrative(Map<String, String> sections) {
        this.sections = sections;
    }

    /** The trimmed text of a section, when present and not blank. */
    Optional<String> text(String key) {
        String text = sections.get(key);
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** The text as a sentence fragment: without its closing 。 (the pattern adds one). */
    Optional<String> fragment(String key) {
        return text(key).map(Narrative::withoutStop).filter(s -> !s.isBlank());
    }

    /** The text as paragraphs (one per non-blank line). */
    List<String> paragraphs(String key) {
        return text(key).map(Narrative::paragraphsOf).orElse(List.of());
    }

    static List<String> paragraphsOf(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String withoutStop(String text) {
        String s = text.strip();
        while (s.endsWith("。") || s.endsWith(".") || s.endsWith("；") || s.endsWith("，")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
