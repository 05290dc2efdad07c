package org.budgetledger.projection.signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.signals.domain.Signal;
import org.budgetledger.projection.store.LedgerRecords;

/**
 * The last signals per unit, year and scope, with what they were computed from: the generation, the position and
 * epoch of every member ledger, and those of the members' earlier years (YEAR_END_RUSH compares with them). Reused
 * only while all of these stand where they stood, so the dashboard counts signals once per change of a ledger, not
 * once per reader. Bounded: the least recently used are forgotten.
 */
final class SignalsCache {

    static final int MAX_ENTRIES = 2_000;

    record Key(int generation, String unitCode, int fiscalYear, FinalAccounts.Scope scope) {}

    record Stamp(Map<String, Long> positions, Map<String, Long> epochs, Map<String, LedgerRecords.Mark> earlier) {}

    private record Cached(Stamp stamp, List<Signal> signals) {}

    private final Map<Key, Cached> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized List<Signal> get(Key key, Stamp stamp) {
        Cached c = entries.get(key);
        return c != null && c.stamp().equals(stamp) ? c.signals() : null;
    }

    synchronized void put(Key key, Stamp stamp, List<Signal> signals) {
        entries.put(key, new Cached(stamp, List.copyOf(signals)));
    }
}
