package org.budgetledger.projection.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last rendering of each disclosure (JSON, web page, workbook, a table as CSV or text; also as of an instant),
 * with the stamp of everything it was made from ({@link ReportService.Stamp}: the generation and the positions of
 * the department's ledgers this year and last, and of the year's catalogues). A reader gets it again only while the
 * stamp is still the same, so never older figures than a fresh rendering would show; a workbook is not built again
 * for every reader of an unchanged year. Bounded: the least recently used are forgotten.
 */
final class RenderingCache {

    static final int MAX_ENTRIES = 200;

    record Key(String unitCode, int fiscalYear, Instant asOf, String rendering) {}

    private record Entry(Object stamp, Object rendering) {}

    private final Map<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * The rendering made at this stamp, made now if there is none (outside the lock: two readers may both render
     * once, which is cheaper than making every reader of every disclosure wait for one).
     */
    @SuppressWarnings("unchecked")
    <T> T get(Key key, Object stamp, Supplier<T> render) {
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && e.stamp().equals(stamp)) {
                return (T) e.rendering();
            }
        }
        T rendering = render.get();
        synchronized (this) {
            entries.put(key, new Entry(stamp, rendering));
        }
        return rendering;
    }

    synchronized int size() {
        return entries.size();
    }
}
