package org.budgetledger.ledger.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ledger (a unit's year) as the contract says it must be after what was sent to it: how many postings it holds,
 * what each fund source has available, and the postings themselves (for duplicates, conflicts and reversals).
 * Changed only by {@link Verdict#applyTo}, once the service agreed that the input was recorded.
 */
public final class ExpectedLedger {

    final String unit;
    int count;
    /** Fen per fund source. */
    final Map<String, Long> available = new TreeMap<>();
    /** By {@code sourceSystem|postingId}, in the order recorded. */
    final Map<String, Held> postings = new LinkedHashMap<>();

    public ExpectedLedger(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    /** The number of postings the ledger holds. */
    public int count() {
        return count;
    }

    /** Fen available per fund source (a fund source never touched is absent). */
    public Map<String, Long> availableFen() {
        return Collections.unmodifiableMap(available);
    }

    long available(String fundSource) {
        return available.getOrDefault(fundSource, 0L);
    }

    @Override
    public String toString() {
        return count + " postings, available " + available;
    }

    /** A recorded posting: its effect on availability, its content (for idempotency) and the JSON it was sent as. */
    static final class Held {
        final String type;
        final String fundSource;
        final long fen;
        final List<Object> content;
        final ObjectNode json;
        boolean reversed;

        Held(String type, String fundSource, long fen, List<Object> content, ObjectNode json) {
            this.type = type;
            this.fundSource = fundSource;
            this.fen = fen;
            this.content = content;
            this.json = json;
        }
    }
}
