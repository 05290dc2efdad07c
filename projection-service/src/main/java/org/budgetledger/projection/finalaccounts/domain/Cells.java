package org.budgetledger.projection.finalaccounts.domain;

import java.util.Collections;
import java.util.Map;
import org.budgetledger.contract.Money;

/**
 * Exact figures by cell key (fen; counts for count facts), read-only: the one place where an absent key reads as 0.
 * The checks ({@code checks.domain.Figures}) and the report ({@code report.domain.FigureView}) read through it.
 */
public final class Cells {

    private final Map<String, Long> fen;

    /** A view of {@code fen}, not a copy: the caller hands over a map it no longer changes. */
    public Cells(Map<String, Long> fen) {
        this.fen = Collections.unmodifiableMap(fen);
    }

    public Map<String, Long> asMap() {
        return fen;
    }

    /** The exact value; 0 for a key the figures do not hold. */
    public long fen(String key) {
        Long value = fen.get(key);
        return value == null ? 0L : value;
    }

    /** Whether any key that starts with {@code prefix} has a non-zero exact value. */
    public boolean anyNonZero(String prefix) {
        return fen.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && e.getValue() != 0L);
    }

    /** Whether the cell prints as 0.00 万元 ({@link Money#printsAsZero()}). */
    public boolean printsAsZero(String key) {
        return Money.ofFen(fen(key)).printsAsZero();
    }
}
