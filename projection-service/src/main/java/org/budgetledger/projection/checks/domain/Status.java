package org.budgetledger.projection.checks.domain;

import java.util.Collection;

/**
 * The outcome of one check. PASS: holds exactly (T2: the printed values agree). INFO: a T2 identity off by no more
 * than its rounding allowance (DOMAIN.md §4 “取整误差”). WARN: a WARNING-severity check does not hold. FAIL: an
 * ERROR-severity check does not hold. SKIPPED: the input it needs was not given (the result says which).
 */
public enum Status {
    PASS(1), INFO(2), WARN(3), FAIL(4), SKIPPED(0);

    private final int weight;

    Status(int weight) {
        this.weight = weight;
    }

    /** The most serious status; SKIPPED only when every status is SKIPPED (or there is none). */
    public static Status worst(Collection<Status> statuses) {
        Status worst = SKIPPED;
        for (Status s : statuses) {
            if (s.weight > worst.weight) {
                worst = s;
            }
        }
        return worst;
    }

    static Status violated(Severity severity) {
        return severity == Severity.ERROR ? FAIL : WARN;
    }
}
