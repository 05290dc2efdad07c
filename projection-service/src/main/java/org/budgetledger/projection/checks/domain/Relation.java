package org.budgetledger.projection.checks.domain;

/** How the two sides of a comparison must relate. */
public enum Relation {
    EQ("="),
    LE("≤"),
    GE("≥");

    private final String symbol;

    Relation(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    boolean holds(long left, long right) {
        return switch (this) {
            case EQ -> left == right;
            case LE -> left <= right;
            case GE -> left >= right;
        };
    }
}
