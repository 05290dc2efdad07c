package org.budgetledger.projection.finalaccounts;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Concurrent readers of the same key share one read, and never one that began before they asked: while a read of a
 * key is in flight, the readers arriving meanwhile wait for it to finish and then share the next one. Under load a
 * dashboard's many readers cost one store round trip at a time per key instead of one each; a lone reader reads at
 * once.
 */
final class SharedReads<K, V> {

    private static final class Round<V> {
        final CompletableFuture<V> result = new CompletableFuture<>();
        final AtomicBoolean claimed = new AtomicBoolean();
    }

    /** Per key: the read in flight and the round gathering readers behind it (both guarded by the lane). */
    private static final class Lane<V> {
        Round<V> inFlight;
        Round<V> gathering;
    }

    private final ConcurrentHashMap<K, Lane<V>> lanes = new ConcurrentHashMap<>();

    V read(K key, Supplier<V> reader) {
        Lane<V> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        Round<V> mine;
        Round<V> ahead;
        synchronized (lane) {
            if (lane.gathering == null) {
                lane.gathering = new Round<>();
            }
            mine = lane.gathering;
            ahead = lane.inFlight;
        }
        if (ahead != null) {
            ahead.result.exceptionally(e -> null).join(); // began before this reader asked: wait, do not use it
        }
        if (mine.claimed.compareAndSet(false, true)) {
            synchronized (lane) {
                // from here on no reader joins this round, so everyone in it asked before the read below begins
                if (lane.gathering == mine) {
                    lane.gathering = null;
                }
                lane.inFlight = mine;
            }
            try {
                mine.result.complete(reader.get());
            } catch (RuntimeException | Error e) {
                mine.result.completeExceptionally(e);
            } finally {
                synchronized (lane) {
                    if (lane.inFlight == mine) {
                        lane.inFlight = null;
                    }
                    if (lane.inFlight == null && lane.gathering == null) {
                        lanes.remove(key, lane); // idle: a reader holding it still reads correctly, only alone
                    }
                }
            }
        }
        try {
            return mine.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
