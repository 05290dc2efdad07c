package org.budgetledger.projection.signals.domain;

import java.util.List;

/**
 * One kind of signal as a policy: given a unit's year (its members' journals, figures and records), the signals of
 * that kind. Pure: the same input gives the same signals. A new kind is one class implementing this, listed in
 * {@link SignalDetectors#standard()}.
 */
public interface SignalDetector {

    SignalKind kind();

    List<Signal> detect(SignalInput input);
}
