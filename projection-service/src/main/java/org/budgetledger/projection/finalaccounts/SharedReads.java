package org.budgetledger.projection.finalaccounts;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.budgetledger.kit.Futures;

/**
 * Concurrent readers of positions share one read, and never one that began before they asked: while a read is in
 * flight, the readers arriving meanwhile wait for it to finish, then one read of all the keys they asked for serves
 * them together. Under load a dashboard's many readers cost one store round trip at a time (per lane, e.g. per
 * generation) instead of one each; a lone reader reads at once.
 */
final class SharedReads<L, K, V> {

    private static final class Round<K, V> {
        final Set<K> keys = new HashSet<>();
        final CompletableFuture<Map<K, V>> result = new CompletableFuture<>();
        final AtomicBoolean claimed = new AtomicBoolean();
    }

    /** The read in flight and the round gathering readers behind it (both guarded by the lane). */
    private static final class Lane<K, V> {
        Round<K, V> inFlight;
        Round<K, V> gathering;
    }

    private final ConcurrentHashMap<L, Lane<K, V>> lanes = new ConcurrentHashMap<>();

    /** The values of {@code keys} (absent keys have none), read by {@code reader} after this call began. */
    Map<K, V> read(L laneKey, Collection<K> keys, Function<Set<K>, Map<K, V>> reader) {
        Lane<K, V> lane = lanes.computeIfAbsent(laneKey, k -> new Lane<>());
        Round<K, V> mine;
        Round<K, V> ahead;
        synchronized (lane) {
            if (lane.gathering == null) {
                lane.gathering = new Round<>();
            }
            mine = lane.gathering;
            mine.keys.addAll(keys);
            ahead = lane.inFlight;
        }
        if (ahead != null) {
            ahead.result.exceptionally(e -> null).join(); // began before this reader asked: wait, do not use it
        }
        if (mine.claimed.compareAndSet(false, true)) {
            Set<K> wanted;
            synchronized (lane) {
                // from here on no reader joins this round, so everyone in it asked before the read below begins
                if (lane.gathering == mine) {
                    lane.gathering = null;
                }
                lane.inFlight = mine;
                wanted = Set.copyOf(mine.keys);
            }
            try {
                mine.result.complete(reader.apply(wanted));
            } catch (Throwable e) {
                mine.result.completeExceptionally(e);
            } finally {
                synchronized (lane) {
                    if (lane.inFlight == mine) {
                        lane.inFlight = null;
                    }
                    if (lane.inFlight == null && lane.gathering == null) {
                        lanes.remove(laneKey, lane); // idle: a reader holding it still reads correctly, only alone
                    }
                }
            }
        }
        return Futures.join(mine.result);
    }
}
