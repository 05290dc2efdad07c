package org.budgetledger.projection.checks.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Two sides of an identity or inequality with the figures an auditor sees: every term with its cell key and printed
 * value, each side as the sum of its printed terms, the printed difference (left − right), the exact difference in
 * yuan, the allowance of the tolerance class, and the outcome.
 *
 * @param label      what is compared within the result, e.g. a column ("fiscal") or a sub-identity; may be null
 * @param leftValue  Σ printed left terms, 万元
 * @param rightValue Σ printed right terms, 万元
 * @param difference leftValue − rightValue, 万元
 * @param exactDifferenceYuan the same difference on exact amounts, yuan
 * @param allowed    the largest |difference| still accepted: "0" (T0, exact fen), "0.00" (T1), "0.005 × k" (T2)
 * @param note       “取整误差” for INFO, the reason for SKIPPED, else null
 */
public record Comparison(
        String label,
        Tolerance tolerance,
        List<Term> left,
        Relation relation,
        List<Term> right,
        String leftValue,
        String rightValue,
        String difference,
        String exactDifferenceYuan,
        String allowed,
        Status status,
        String note,
        String noteZh) {

    public Comparison {
        left = List.copyOf(left);
        right = List.copyOf(right);
    }

    /**
     * Evaluates one comparison. T0 and EXACT compare exact fen; T1 compares printed values; T2 (equalities only)
     * accepts |d| ≤ 0.005 × k 万元 with k = (non-zero terms on the left, at least 1) + (non-zero terms on the
     * right), i.e. n + 1 for “total = Σ n parts”; exactly equal → PASS, within → INFO, beyond → violation.
     */
    static Comparison evaluate(
            String label,
            Tolerance tolerance,
            List<Term> left,
            Relation relation,
            List<Term> right,
            Severity severity) {
        long leftH = left.stream().mapToLong(Term::signedHundredths).sum();
        long rightH = right.stream().mapToLong(Term::signedHundredths).sum();
        long leftFen = left.stream().mapToLong(Term::signedFen).sum();
        long rightFen = right.stream().mapToLong(Term::signedFen).sum();
        long d = leftH - rightH;
        Status status;
        String allowed;
        String note = null;
        String noteZh = null;
        switch (tolerance) {
            case T1 -> {
                allowed = "0.00";
                status = relation.holds(leftH, rightH) ? Status.PASS : Status.violated(severity);
            }
            case T2 -> {
                if (relation != Relation.EQ) {
                    allowed = "0.00";
                    status = relation.holds(leftH, rightH) ? Status.PASS : Status.violated(severity);
                } else {
                    int k = Math.max(1, nonZero(left)) + nonZero(right);
                    allowed = Printed.allowance(k);
                    if (d == 0) {
                        status = Status.PASS;
                    } else if (2 * Math.abs(d) <= k) {
                        status = Status.INFO;
                        note = "取整误差 (rounding difference within the T2 allowance)";
                        noteZh = "取整误差";
                    } else {
                        status = Status.violated(severity);
                    }
                }
            }
            default -> {
                allowed = "0";
                status = relation.holds(leftFen, rightFen) ? Status.PASS : Status.violated(severity);
            }
        }
        return new Comparison(
                label,
                tolerance,
                left,
                relation,
                right,
                Printed.ofHundredths(leftH),
                Printed.ofHundredths(rightH),
                Printed.ofHundredths(d),
                Printed.yuan(leftFen - rightFen),
                allowed,
                status,
                note,
                noteZh);
    }

    static Comparison skipped(
            String label, Tolerance tolerance, List<Term> left, Relation relation, List<Term> right, Text reason) {
        Comparison c = evaluate(label, tolerance, left, relation, right, Severity.ERROR);
        return new Comparison(
                label,
                tolerance,
                c.left,
                relation,
                c.right,
                c.leftValue,
                c.rightValue,
                c.difference,
                c.exactDifferenceYuan,
                c.allowed,
                Status.SKIPPED,
                reason.en(),
                reason.zh());
    }

    private static int nonZero(List<Term> terms) {
        return (int) terms.stream().filter(t -> t.fen() != 0).count();
    }

    /** One line: {@code [label] a 1.00 = b 0.50 + c 0.50 | Δ 0.00 → PASS}. */
    public String render() {
        return render(Language.EN);
    }

    /** One line in this language: the keys and figures as they are, the words and the status translated. */
    public String render(Language language) {
        boolean en = language == Language.EN;
        StringBuilder sb = new StringBuilder();
        if (label != null) {
            sb.append('[').append(Phrase.in(label, language)).append("] ");
        }
        sb.append(side(left, language))
                .append(' ')
                .append(relation.symbol())
                .append(' ')
                .append(side(right, language));
        boolean multi = left.size() > 1 || right.size() > 1;
        if (multi) {
            sb.append(" | ")
                    .append(leftValue)
                    .append(' ')
                    .append(relation.symbol())
                    .append(' ')
                    .append(rightValue);
        }
        sb.append(" | Δ ").append(difference);
        if (!exactDifferenceYuan.equals("0.00") && (tolerance == Tolerance.T0 || tolerance == Tolerance.EXACT)) {
            sb.append(en ? " (exact Δ " : "（精确差额 ").append(exactDifferenceYuan).append(en ? " 元)" : " 元）");
        }
        if (tolerance == Tolerance.T2 && relation == Relation.EQ) {
            sb.append(en ? ", allowed ±" : "，允许误差 ±").append(allowed);
        }
        sb.append(" → ").append(status.in(language));
        String remark = en || noteZh == null ? note : noteZh;
        if (remark != null) {
            sb.append(en ? " (" : "（").append(remark).append(en ? ')' : '）');
        }
        return sb.toString();
    }

    private static String side(List<Term> terms, Language language) {
        if (terms.isEmpty()) {
            return "0";
        }
        String joined = terms.stream()
                .map(t -> (t.negated() ? "− " : "+ ") + Phrase.in(t.key(), language) + " " + t.printed())
                .collect(Collectors.joining(" "));
        return joined.startsWith("+ ") ? joined.substring(2) : joined;
    }
}
