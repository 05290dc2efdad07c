package org.budgetledger.projection.checks.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A rule given by its metadata and a body; helpers build comparisons and results with the rule's metadata. */
final class DefinedRule implements Rule {

    @FunctionalInterface
    interface Body {
        void evaluate(DefinedRule.Run run);
    }

    private final String id;
    private final Severity severity;
    private final Tolerance tolerance;
    private final String description;
    private final String nameZh;
    private final Body body;

    DefinedRule(String id, Severity severity, Tolerance tolerance, String description, String nameZh, Body body) {
        this.id = Objects.requireNonNull(id);
        this.severity = severity;
        this.tolerance = tolerance;
        this.description = description;
        this.nameZh = nameZh;
        this.body = body;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String nameZh() {
        return nameZh;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public Tolerance tolerance() {
        return tolerance;
    }

    @Override
    public List<CheckResult> evaluate(CheckInput input) {
        Run run = new Run(input);
        body.evaluate(run);
        if (run.results.isEmpty()) {
            run.pass(
                    null,
                    Text.of("nothing to compare: no row of the figures concerns this rule", "无可比较的数据：没有涉及本公式的数据行"));
        }
        return List.copyOf(run.results);
    }

    @Override
    public String toString() {
        return id + " " + description;
    }

    /** One evaluation of the rule on one input: collects its results. */
    final class Run {
        final CheckInput in;
        final Figures f;
        final List<CheckResult> results = new ArrayList<>();

        Run(CheckInput in) {
            this.in = in;
            this.f = new Figures(in.cells());
        }

        /** Whether state-capital terms belong to the template: 2020+, or any state-capital figure is non-zero. */
        boolean stateCapital() {
            return in.fiscalYear() >= 2020
                    || !f.nonZeroKeys(k -> k.contains("state_capital") || k.startsWith("09/"))
                            .isEmpty();
        }

        Comparison cmp(String label, List<Term> left, Relation relation, List<Term> right) {
            return Comparison.evaluate(label, tolerance, left, relation, right, severity);
        }

        Comparison cmp(String label, Tolerance tol, List<Term> left, Relation relation, List<Term> right) {
            return Comparison.evaluate(label, tol, left, relation, right, severity);
        }

        Comparison cmp(
                String label, Tolerance tol, Severity sev, List<Term> left, Relation relation, List<Term> right) {
            return Comparison.evaluate(label, tol, left, relation, right, sev);
        }

        /** {@code left = Σ right} in the rule's tolerance. */
        Comparison eq(String label, Term left, List<Term> right) {
            return cmp(label, List.of(left), Relation.EQ, right);
        }

        void result(String subject, List<Comparison> comparisons) {
            result(subject, severity, tolerance, comparisons, null);
        }

        void result(String subject, List<Comparison> comparisons, Text message) {
            result(subject, severity, tolerance, comparisons, message);
        }

        void result(String subject, Severity sev, Tolerance tol, List<Comparison> comparisons, Text message) {
            Status status =
                    Status.worst(comparisons.stream().map(Comparison::status).toList());
            results.add(new CheckResult(
                    id,
                    subject,
                    description,
                    nameZh,
                    sev,
                    tol,
                    status,
                    comparisons,
                    message == null ? null : message.en(),
                    message == null ? null : message.zh()));
        }

        /** A result for the non-empty comparisons of a per-row expansion; nothing when all were all-zero. */
        void resultUnlessEmpty(String subject, List<Comparison> comparisons) {
            if (!comparisons.isEmpty()) {
                result(subject, comparisons);
            }
        }

        void status(String subject, Status status, Text message) {
            status(subject, severity, status, message);
        }

        void status(String subject, Severity sev, Status status, Text message) {
            results.add(new CheckResult(
                    id,
                    subject,
                    description,
                    nameZh,
                    sev,
                    tolerance,
                    status,
                    List.of(),
                    message == null ? null : message.en(),
                    message == null ? null : message.zh()));
        }

        void pass(String subject, Text message) {
            status(subject, Status.PASS, message);
        }

        void skipped(String subject, Text reason) {
            status(subject, Status.SKIPPED, reason);
        }

        void violated(String subject, Text message) {
            status(subject, Status.violated(severity), message);
        }
    }
}
