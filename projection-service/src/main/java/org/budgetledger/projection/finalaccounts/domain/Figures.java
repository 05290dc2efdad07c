package org.budgetledger.projection.finalaccounts.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.UnitKind;

/**
 * Exact fen by cell key for one ledger (unit × year, scope self), or a sum of such ledgers (a department). Not
 * thread-safe. Cells that net to exactly zero are not kept.
 */
public final class Figures {

    private final SortedMap<String, Long> fen;

    public Figures() {
        this(new TreeMap<>());
    }

    private Figures(SortedMap<String, Long> fen) {
        this.fen = fen;
    }

    /** Adds {@code sign} (+1, or −1 for a reversal) times each contribution. */
    public Figures apply(Map<String, Long> contributions, int sign) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be +1 or -1: " + sign);
        }
        contributions.forEach((key, value) -> add(key, Math.multiplyExact(sign, value)));
        return this;
    }

    /** A read-only view of the exact fen by cell key (no zero entries). */
    public SortedMap<String, Long> fen() {
        return Collections.unmodifiableSortedMap(fen);
    }

    /** The exact fen of one cell; 0 when absent. */
    public long fen(String key) {
        return fen.getOrDefault(key, 0L);
    }

    public Figures copy() {
        return new Figures(new TreeMap<>(fen));
    }

    /** Consolidation by plain summation (no eliminations between units). */
    public static Figures sum(Collection<Figures> parts) {
        Figures total = new Figures();
        for (Figures part : parts) {
            part.fen.forEach(total::add);
        }
        return total;
    }

    /**
     * A copy with {@code ops/operating_costs/amount} (机关运行经费, docs/DOMAIN.md#operating-costs) = this ledger's
     * {@code 06/public_total/amount} when the unit is ADMINISTRATIVE or CIVIL_SERVICE_MANAGED, else unchanged.
     * Apply it to each unit's own (self) figures with that unit's kind, then {@link #sum} them: a department's value
     * is the sum over its units, each by its own kind.
     */
    public Figures withOperatingCosts(UnitKind kind) {
        if (fen.containsKey(CellKeys.OPERATING_COSTS_KEY)) {
            throw new IllegalStateException("operating costs are already in these figures");
        }
        Figures copy = copy();
        if (kind.reportsOperatingCosts()) {
            copy.add(CellKeys.OPERATING_COSTS_KEY, fen(CellKeys.PUBLIC_TOTAL_KEY));
        }
        return copy;
    }

    /** Keys of figures kept beside the cells (budgets per 项, activity counts, months) and never published. */
    public static final String FACTS = "facts/";

    /**
     * The published figures: 万元 strings with 2 decimals, rounded half-up per cell from its exact fen, for every cell
     * that does not round to zero; negative values keep their sign. Facts are not cells and are left out.
     */
    public SortedMap<String, String> published() {
        SortedMap<String, String> cells = new TreeMap<>();
        fen.forEach((key, value) -> {
            if (key.startsWith(FACTS)) {
                return;
            }
            Money money = Money.ofFen(value);
            if (!money.printsAsZero()) {
                cells.put(key, money.toWanYuan());
            }
        });
        return cells;
    }

    private void add(String key, long value) {
        long sum = Math.addExact(fen.getOrDefault(key, 0L), value);
        if (sum == 0L) {
            fen.remove(key);
        } else {
            fen.put(key, sum);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Figures figures && fen.equals(figures.fen);
    }

    @Override
    public int hashCode() {
        return fen.hashCode();
    }

    @Override
    public String toString() {
        return "Figures" + fen;
    }
}
