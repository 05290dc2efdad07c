package org.budgetledger.projection.checks.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The 审核公式 of the final-accounts disclosure (docs/DOMAIN.md#validation-rules) as pure functions of a
 * {@link CheckInput}. {@link #RULES} lists every rule in the documented order. (The text of the 情况说明 takes its
 * figures from the same cells the tables print, so no separate text-against-table rule is kept.)
 */
public final class Checks {

    /** Every rule, in the order of docs/DOMAIN.md: L01–L07, W01–W19, X01–X17. */
    public static final List<Rule> RULES = concat(LedgerRules.all(), TableRules.all(), CrossTableRules.all());

    private Checks() {}

    /** Every rule's results, in the documented order; within a rule, in table order of its subjects. */
    public static List<CheckResult> evaluate(CheckInput input) {
        List<CheckResult> results = new ArrayList<>();
        for (Rule rule : RULES) {
            results.addAll(rule.evaluate(input));
        }
        return List.copyOf(results);
    }

    /** The results with their summary and a readable rendering. */
    public static CheckReport report(CheckInput input) {
        return new CheckReport(evaluate(input));
    }

    /** Number of results per status, every status present (0 when none). */
    public static Map<Status, Integer> summary(Collection<CheckResult> results) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    public static Rule rule(String id) {
        return RULES.stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
    }

    @SafeVarargs
    private static List<Rule> concat(List<Rule>... lists) {
        List<Rule> all = new ArrayList<>();
        for (List<Rule> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }
}
