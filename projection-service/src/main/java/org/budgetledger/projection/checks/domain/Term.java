package org.budgetledger.projection.checks.domain;

/**
 * One figure on a side of a comparison: its cell key (or a label for a figure that is no cell, e.g. a previous
 * year's balance or a constant), its exact value in fen, and whether it is subtracted.
 */
public record Term(String key, long fen, boolean negated) {

    public static Term of(String key, long fen) {
        return new Term(key, fen, false);
    }

    public static Term minus(String key, long fen) {
        return new Term(key, fen, true);
    }

    public static Term zero() {
        return new Term("0", 0, false);
    }

    /** The value as printed: 万元, 2 decimals, half-up from the exact amount (the term itself, unsigned). */
    public String printed() {
        return Printed.wan(fen);
    }

    long signedFen() {
        return negated ? -fen : fen;
    }

    long signedHundredths() {
        long h = Printed.hundredths(fen);
        return negated ? -h : h;
    }

    @Override
    public String toString() {
        return (negated ? "− " : "") + key + " " + printed();
    }
}
