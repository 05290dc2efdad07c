package org.budgetledger.projection.checks.domain;

import java.util.Collection;

/**
 * The outcome of one check. PASS: holds exactly (T2: the printed values agree). INFO: a T2 identity off by no more
 * than its rounding allowance (docs/DOMAIN.md#rounding-and-tolerance, “取整误差”). WARN: a WARNING-severity check does not hold. FAIL: an
 * ERROR-severity check does not hold. SKIPPED: the input it needs was not given (the result says which).
 */
public enum Status {
    PASS(1, "通过"),
    INFO(2, "提示"),
    WARN(3, "警告"),
    FAIL(4, "不通过"),
    SKIPPED(0, "跳过");

    private final int weight;
    private final String zh;

    Status(int weight, String zh) {
        this.weight = weight;
        this.zh = zh;
    }

    /** The status as a reader of this language sees it ("PASS", "通过"). */
    public String in(Language language) {
        return language == Language.EN ? name() : zh;
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
