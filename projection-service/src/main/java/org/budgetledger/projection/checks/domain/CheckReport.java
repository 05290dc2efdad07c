package org.budgetledger.projection.checks.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The results of one evaluation with what a reader needs first: counts, failures, and a compact text. */
public record CheckReport(List<CheckResult> results) {

    public CheckReport {
        results = List.copyOf(results);
    }

    public Map<Status, Integer> summary() {
        return Checks.summary(results);
    }

    public boolean passed() {
        return results.stream().noneMatch(r -> r.status() == Status.FAIL);
    }

    public List<CheckResult> withStatus(Status status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    public List<CheckResult> failures() {
        return withStatus(Status.FAIL);
    }

    /** Results of one rule id ("W07"). */
    public List<CheckResult> of(String id) {
        return results.stream().filter(r -> r.id().equals(id)).toList();
    }

    /** The worst status per rule, in the order of docs/DOMAIN.md#validation-rules. */
    public Map<String, Status> byRule() {
        Map<String, List<Status>> statuses = new LinkedHashMap<>();
        results.forEach(r -> statuses.computeIfAbsent(r.id(), k -> new java.util.ArrayList<>())
                .add(r.status()));
        Map<String, Status> worst = new LinkedHashMap<>();
        statuses.forEach((id, s) -> worst.put(id, Status.worst(s)));
        return worst;
    }

    /** The English text. */
    public String render() {
        return render(Language.EN);
    }

    /**
     * Per rule: one line counting its passing results ("W07 PASS ×38", "W07 通过 ×38"), one line per skipped result
     * with the reason, the full text of every INFO/WARN/FAIL result with its comparisons that do not pass; then the
     * summary.
     */
    public String render(Language language) {
        StringBuilder sb = new StringBuilder();
        Map<String, List<CheckResult>> byId = results.stream()
                .collect(Collectors.groupingBy(CheckResult::id, LinkedHashMap::new, Collectors.toList()));
        byId.forEach((id, rs) -> {
            long passing = rs.stream().filter(r -> r.status() == Status.PASS).count();
            if (passing > 0) {
                sb.append(id)
                        .append(' ')
                        .append(Status.PASS.in(language))
                        .append(" ×")
                        .append(passing)
                        .append("  ")
                        .append(rs.get(0).name(language))
                        .append('\n');
            }
            rs.stream()
                    .filter(r -> r.status() != Status.PASS)
                    .forEach(r -> sb.append(
                                    r.status() == Status.SKIPPED
                                            ? r.label(language) + " " + Status.SKIPPED.in(language)
                                                    + (language == Language.EN ? ": " : "：") + r.message(language)
                                            : r.render(true, language))
                            .append('\n'));
        });
        sb.append(language == Language.EN ? "summary: " : "汇总：")
                .append(summary().entrySet().stream()
                        .map(e -> e.getKey().in(language) + " " + e.getValue())
                        .collect(Collectors.joining(language == Language.EN ? ", " : "，")));
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
