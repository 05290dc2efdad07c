package org.budgetledger.projection.checks.domain;

import java.util.List;

/**
 * One 审核公式 of docs/DOMAIN.md#validation-rules. A rule yields at least one result: one per subject (row, column, unit, …) or a
 * single one. A new rule implements this and is listed in {@link Checks#RULES}.
 */
public interface Rule {

    String id();

    String description();

    /** Chinese name, or null. */
    String nameZh();

    /** Severity of a failure of the rule's main statement (some results may carry WARNING, e.g. L01 per 项). */
    Severity severity();

    Tolerance tolerance();

    List<CheckResult> evaluate(CheckInput input);
}
