package org.budgetledger.projection.checks.domain;

/** What a failed rule means (DOMAIN.md §4/§5): ERROR for a tolerance class beyond its limit, WARNING for the
 * rules DOMAIN marks "warning (inferred)" and for the warning parts of a rule (L01 per 项). */
public enum Severity {
    ERROR, WARNING
}
