package org.budgetledger.projection.checks.domain;

/** Tolerance classes of docs/DOMAIN.md#rounding-and-tolerance, plus EXACT for the rules whose column reads “exact” or that count things. */
public enum Tolerance {
    /** Identity on exact values: 0 fen. */
    T0("exact on fen"),
    /** One quantity printed in two places: the same printed 万元 value. */
    T1("same printed value"),
    /** Printed total vs Σ printed parts: |d| ≤ 0.005 × (n + 1) 万元, n = non-zero parts; within it “取整误差”. */
    T2("printed total vs sum of printed parts, |d| <= 0.005 x (n + 1)"),
    /** External documents (not used by these checks yet). */
    T3("external documents"),
    /** Percentages (narrative checks, not built yet). */
    T4("percentages recomputed from exact amounts"),
    /** Codes, statements, counts: no arithmetic tolerance. */
    EXACT("exact");

    private final String meaning;

    Tolerance(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
