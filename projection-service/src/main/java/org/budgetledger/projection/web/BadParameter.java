package org.budgetledger.projection.web;

/** A request parameter that parsed but cannot be answered: 400 naming the parameter. */
public class BadParameter extends RuntimeException {

    private final String field;

    public BadParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
