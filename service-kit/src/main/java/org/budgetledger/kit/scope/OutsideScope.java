package org.budgetledger.kit.scope;

/** A request for a unit, or for the whole installation, that the caller's scope does not cover: answered 403. */
public final class OutsideScope extends RuntimeException {

    private final String field;

    public OutsideScope(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request's field that names the unit outside the scope (null: the path). */
    public String field() {
        return field;
    }
}
