package org.budgetledger.projection.finalaccounts.domain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.budgetledger.contract.Money;

/**
 * Exact figures by cell key (fen; counts for count facts), read-only: the one place where an absent key reads as 0.
 *
 * <p>There are three figure types on purpose. {@link Figures} is the one accumulator that writes: it applies
 * contributions (+ and −) and consolidates. The checks ({@code checks.domain.Figures}: terms, rows, code rows) and the
 * report ({@code report.domain.FigureView}: printed cells, codes that print) are two readings, each speaking its
 * consumer's language. Both read through these cells, which hold the rules they share: absent is 0, any non-zero,
 * prints as zero.
 */
public final class Cells {

    private final Map<String, Long> fen;

    /** A view of {@code fen}, not a copy: the caller hands over a map it no longer changes. */
    public Cells(Map<String, Long> fen) {
        this.fen = Collections.unmodifiableMap(fen);
    }

    /** A copy of {@code fen} that no later change of the caller's map reaches (no null keys or values). */
    public static Cells copyOf(Map<String, Long> fen) {
        return new Cells(Map.copyOf(fen));
    }

    public Map<String, Long> asMap() {
        return fen;
    }

    /** The keys the figures hold, whatever their value (a held key may be 0). */
    public Set<String> keys() {
        return fen.keySet();
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

    /** The keys {@code which} accepts whose exact value is non-zero, sorted. */
    public List<String> nonZeroKeys(Predicate<String> which) {
        return fen.entrySet().stream()
                .filter(e -> e.getValue() != 0L && which.test(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Whether the cell prints as 0.00 万元 ({@link Money#printsAsZero()}). */
    public boolean printsAsZero(String key) {
        return Money.ofFen(fen(key)).printsAsZero();
    }

    /** Equal when they hold the same keys with the same values. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Cells cells && fen.equals(cells.fen);
    }

    @Override
    public int hashCode() {
        return fen.hashCode();
    }

    @Override
    public String toString() {
        return "Cells" + fen;
    }
}
