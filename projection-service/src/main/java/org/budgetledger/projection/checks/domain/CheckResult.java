package org.budgetledger.projection.checks.domain;

import java.util.List;

/**
 * The outcome of one rule for one subject.
 *
 * @param id          the rule id of docs/DOMAIN.md#validation-rules ("W07")
 * @param subject     what the result is about when a rule yields several (a row "02/201", a column, a unit, a
 *                    sub-identity); null when the rule yields one result
 * @param description short English statement of the rule
 * @param nameZh      Chinese name composed from the tables' and rows' names (docs/DOMAIN.md); null where there is none
 * @param severity    what a failure of this result means
 * @param tolerance   the tolerance class its comparisons use
 * @param status      the worst status of its comparisons, or set directly for non-numeric checks
 * @param comparisons the figures compared, in order (empty for non-numeric checks and SKIPPED results)
 * @param message     the reason for SKIPPED, findings of non-numeric checks, or a remark; may be null
 * @param messageZh   the same in Chinese; null when message is
 */
public record CheckResult(
        String id,
        String subject,
        String description,
        String nameZh,
        Severity severity,
        Tolerance tolerance,
        Status status,
        List<Comparison> comparisons,
        String message,
        String messageZh) {

    public CheckResult {
        comparisons = List.copyOf(comparisons);
    }

    /** The id with its subject: "W07 02/201". */
    public String label() {
        return label(Language.EN);
    }

    /** The id with its subject as a reader of this language sees it: "W19 names", "W19 科目名称". */
    public String label(Language language) {
        return subject == null ? id : id + " " + Phrase.in(subject, language);
    }

    public List<Comparison> failing() {
        return comparisons.stream()
                .filter(c -> c.status() == Status.FAIL || c.status() == Status.WARN)
                .toList();
    }

    /** Multi-line text: the heading, then one line per comparison (all, or only those not PASS when asked). */
    public String render(boolean onlyNotPassing) {
        return render(onlyNotPassing, Language.EN);
    }

    /** The result as text: code, status, tolerance, the rule's name, the remark, and its comparisons. */
    public String render(boolean onlyNotPassing, Language language) {
        boolean en = language == Language.EN;
        StringBuilder sb = new StringBuilder();
        sb.append(label(language))
                .append("  ")
                .append(status.in(language))
                .append("  ")
                .append(tolerance)
                .append("  ");
        if (en) {
            sb.append(description);
            if (nameZh != null) {
                sb.append(" (").append(nameZh).append(')');
            }
        } else {
            sb.append(nameZh != null ? nameZh : description);
        }
        if (severity == Severity.WARNING) {
            sb.append(en ? " [warning]" : "［警示性］");
        }
        String remark = message(language);
        if (remark != null) {
            sb.append("\n    ").append(remark);
        }
        for (Comparison c : comparisons) {
            if (!onlyNotPassing || c.status() != Status.PASS) {
                sb.append("\n    ").append(c.render(language));
            }
        }
        return sb.toString();
    }

    /** The remark in this language (the English one where no Chinese was written). */
    public String message(Language language) {
        return language == Language.ZH && messageZh != null ? messageZh : message;
    }

    /** The rule's name in this language. */
    public String name(Language language) {
        return language == Language.ZH && nameZh != null ? nameZh : description;
    }

    @Override
    public String toString() {
        return render(false);
    }
}
