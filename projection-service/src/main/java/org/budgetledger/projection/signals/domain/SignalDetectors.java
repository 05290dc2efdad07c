package org.budgetledger.projection.signals.domain;

import java.util.List;

/** The detectors the service runs. Adding a kind: its class, and one line here. */
public final class SignalDetectors {

    private SignalDetectors() {}

    public static List<SignalDetector> standard() {
        return List.of(
                new AfterClosePolicy(),
                new LateEntryPolicy(),
                new YearEndRushPolicy(),
                new OverBudgetPolicy(),
                new AfterPublicationPolicy());
    }
}
