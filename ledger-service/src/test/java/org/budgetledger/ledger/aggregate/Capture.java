package org.budgetledger.ledger.aggregate;

import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

/**
 * A Hamcrest matcher that accepts anything and keeps it, so that an Axon fixture's result or events can be
 * asserted with AssertJ afterwards (clearer failure messages than nested matchers).
 */
public final class Capture<T> extends BaseMatcher<T> {

    private Object value;
    private boolean called;

    public static <T> Capture<T> capture() {
        return new Capture<>();
    }

    @Override
    public boolean matches(Object actual) {
        value = actual;
        called = true;
        return true;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("anything (captured)");
    }

    @SuppressWarnings("unchecked")
    public <V> V value() {
        if (!called) {
            throw new AssertionError("the fixture did not offer a value to match");
        }
        return (V) value;
    }
}
