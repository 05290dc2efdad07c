package org.budgetledger.projection.checks.domain;

/** What a failed rule means (docs/DOMAIN.md#validation-rules): ERROR for a tolerance class beyond its limit, WARNING
 * for the rules documented as warnings (inferred ones) and for the warning parts of a rule (L01 per 项). */
public enum Severity {
    ERROR,
    WARNING
}
