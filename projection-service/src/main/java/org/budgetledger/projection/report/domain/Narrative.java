package org.budgetledger.projection.report.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.NarrativeKey;

/**
 * The unit's free text, by the keys of {@link NarrativeKey} (where each prints, and when), and how free text is
 * cleaned. Absent or blank text leaves its slot out of the sentence.
 */
public final class Narrative {

    public static final String DUTIES = NarrativeKey.DUTIES.key();
    public static final String ORGANIZATION = NarrativeKey.ORGANIZATION.key();
    public static final String REASONS_INCOME = NarrativeKey.REASONS_INCOME.key();
    public static final String REASONS_EXPENDITURE = NarrativeKey.REASONS_EXPENDITURE.key();
    public static final String REASONS_FISCAL = NarrativeKey.REASONS_FISCAL.key();
    public static final String REASONS_GENERAL_BUDGET = NarrativeKey.REASONS_GENERAL_BUDGET.key();
    public static final String REASONS_BASIC = NarrativeKey.REASONS_BASIC.key();
    public static final String REASONS_SANGONG = NarrativeKey.REASONS_SANGONG.key();
    public static final String REASONS_OPERATING_COSTS = NarrativeKey.REASONS_OPERATING_COSTS.key();
    public static final String REASONS_NO_COMPARISON = NarrativeKey.REASONS_NO_COMPARISON.key();
    public static final String PURPOSES_TRAINING = NarrativeKey.PURPOSES_TRAINING.key();
    public static final String PURPOSES_MEETINGS = NarrativeKey.PURPOSES_MEETINGS.key();
    public static final String PERFORMANCE = NarrativeKey.PERFORMANCE.key();
    public static final String PERFORMANCE_REPORT = NarrativeKey.PERFORMANCE_REPORT.key();
    public static final String OTHER = NarrativeKey.OTHER.key();
    public static final String CONTACT = NarrativeKey.CONTACT.key();
    public static final String ASSETS = NarrativeKey.ASSETS.key();
    public static final String ASSETS_VEHICLES_HELD = NarrativeKey.ASSETS_VEHICLES_HELD.key();

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
        return Arrays.stream(text.split("\\R"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static String withoutStop(String text) {
        String s = text.strip();
        while (s.endsWith("。") || s.endsWith(".") || s.endsWith("；") || s.endsWith("，")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
