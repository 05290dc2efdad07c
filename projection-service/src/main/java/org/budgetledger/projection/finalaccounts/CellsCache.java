package org.budgetledger.projection.finalaccounts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last cells answer (as written, in JSON) per unit, year and scope, with the positions it was computed at. Dashboards ask for the same
 * figures far more often than they change; an answer is reused only while every member ledger still stands at the
 * same position in the same generation, so a reader never sees figures older than a fresh computation would give.
 * Bounded: the least recently used answers are forgotten.
 */
final class CellsCache {

    static final int MAX_ENTRIES = 2_000;

    record Key(String unitCode, int fiscalYear, FinalAccounts.Scope scope) {}

    private record Entry(FinalAccounts.Positions positions, byte[] json) {}

    private final Map<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The answer's bytes, shared: callers only write them out. */
    synchronized byte[] get(Key key, FinalAccounts.Positions current) {
        Entry e = entries.get(key);
        return e != null && e.positions().equals(current) ? e.json() : null;
    }

    synchronized void put(Key key, FinalAccounts.Positions positions, byte[] json) {
        entries.put(key, new Entry(positions, json));
    }
}
