package org.budgetledger.ledger.narrative.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.budgetledger.contract.NarrativeKey;

/**
 * Which narrative text a unit may give for a year: every key is one that the report prints ({@link NarrativeKey}),
 * or it is refused; a key that cannot print for this unit and year as things stand is accepted with a warning that
 * says why, so that the preparer is never left believing that text will appear which will not.
 */
public final class NarrativeRules {

    /** What the report will have to compare with, as the ledger knows it when the text is given. */
    public record Context(int fiscalYear, boolean previousYearHasFigures, Predicate<String> isItemCode) {}

    /** A refusal of one section, for a 422 naming it. */
    public record Problem(String code, String field, String message) {}

    /** A section accepted that will not print now, and why. */
    public record Warning(String section, String message) {}

    public record Outcome(Optional<Problem> problem, List<Warning> warnings) {}

    private NarrativeRules() {}

    public static Outcome check(Map<String, String> sections, Context context) {
        List<Warning> warnings = new ArrayList<>();
        for (Map.Entry<String, String> s : sections.entrySet()) {
            Optional<Problem> problem = refusal(s.getKey(), s.getValue(), context);
            if (problem.isPresent()) {
                return new Outcome(problem, List.of());
            }
            warning(s.getKey(), s.getValue(), context).ifPresent(warnings::add);
        }
        return new Outcome(Optional.empty(), List.copyOf(warnings));
    }

    private static Optional<Problem> refusal(String key, String text, Context context) {
        String field = "sections." + key;
        if (text.length() > NarrativeKey.MAX_TEXT) {
            return Optional.of(new Problem(
                    "text.too_long", field, field + " is longer than " + NarrativeKey.MAX_TEXT + " characters"));
        }
        Matcher item = NarrativeKey.PER_ITEM_REASON.matcher(key);
        if (item.matches()) {
            return context.isItemCode().test(item.group(1))
                    ? Optional.empty()
                    : Optional.of(new Problem(
                            "sections.unknown_item",
                            field,
                            field + ": " + item.group(1) + " is not a 项 of the " + context.fiscalYear()
                                    + " functional catalogue, so no line of 五(三) could carry it"));
        }
        Optional<NarrativeKey> known = NarrativeKey.of(key);
        if (known.isEmpty()) {
            return Optional.of(new Problem(
                    "sections.unknown",
                    field,
                    field + " is not a narrative section; known: "
                            + java.util.Arrays.stream(NarrativeKey.values())
                                    .map(NarrativeKey::key)
                                    .toList()
                            + " and reasons.general_budget.{7-digit 项 code}"));
        }
        if (known.get().form() == NarrativeKey.Form.COUNT && !text.isBlank() && !isCount(text.strip())) {
            return Optional.of(new Problem(
                    "field.format",
                    field,
                    field + " must be a whole number from 0 to " + NarrativeKey.MAX_COUNT + ": " + abbreviate(text)));
        }
        return Optional.empty();
    }

    private static Optional<Warning> warning(String key, String text, Context context) {
        if (text.isBlank()) {
            return Optional.empty(); // clears the section
        }
        int previous = context.fiscalYear() - 1;
        return NarrativeKey.of(key).flatMap(k -> switch (k.when()) {
            case PREVIOUS_YEAR ->
                context.previousYearHasFigures()
                        ? Optional.empty()
                        : Optional.of(new Warning(
                                key,
                                key + " explains the change on " + previous + ", and " + previous
                                        + " has no figures: it will not print " + "until " + previous
                                        + " is recorded or its published figures are imported"));
            case NO_PREVIOUS_YEAR ->
                context.previousYearHasFigures()
                        ? Optional.of(new Warning(
                                key,
                                key + " gives the cause of having nothing to compare with, and " + previous
                                        + " has figures: it will not print"))
                        : Optional.empty();
            default -> Optional.empty();
        });
    }

    private static boolean isCount(String text) {
        return text.matches("\\d{1,6}") && Integer.parseInt(text) <= NarrativeKey.MAX_COUNT;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
