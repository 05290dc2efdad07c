package org.budgetledger.ledger.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of a ledger taken from the aggregate in hand, every {@code every} events. Axon's snapshotter rebuilds the
 * aggregate it snapshots by reading and replaying its events since the last snapshot (a collection scan on the
 * embedded store, then up to {@code every} events deserialized and applied); under Kafka ingest and steady load its
 * thread was the second-busiest of the ledger (JFR, docs/PERFORMANCE.md). Here the state is copied while the command
 * still holds the ledger's lock, at the version its events are about to be committed at, and stored on another
 * thread only after they are committed: O(state), never a replay, never ahead of the event store.
 */
final class CachedSnapshots {

    private static final Logger log = LoggerFactory.getLogger(CachedSnapshots.class);
    /** Ledgers whose last snapshot place is remembered; forgotten all at once beyond this (a bound, not a cache). */
    private static final int MAX_TRACKED = 100_000;

    private final EventStore eventStore;
    private final Serializer serializer;
    private final Executor executor;
    private final long every;
    private final Map<String, Long> places = new ConcurrentHashMap<>();

    CachedSnapshots(EventStore eventStore, Serializer serializer, Executor executor, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("snapshot-every must be positive: " + every);
        }
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.executor = executor;
        this.every = every;
    }

    /** The aggregate as loaded (before the command): where its next snapshot is due. */
    void loaded(String id, Long version) {
        if (places.size() > MAX_TRACKED) {
            places.clear();
        }
        places.putIfAbsent(id, version == null ? 0 : version / every);
    }

    /**
     * The aggregate as it is about to be committed (prepare-commit phase, its lock held). If its version passed a
     * multiple of {@code every}, a copy is taken now and stored once the unit of work has committed.
     */
    <T> void saving(EventSourcedAggregate<T> aggregate) {
        Long version = aggregate.version();
        if (version == null) {
            return;
        }
        String id = aggregate.identifierAsString();
        long place = version / every;
        Long before = places.put(id, place);
        if (before == null || place <= before) {
            return;
        }
        SerializedObject<byte[]> state = serializer.serialize(aggregate.getAggregateRoot(), byte[].class);
        Object copy = serializer.deserialize(state);
        GenericDomainEventMessage<Object> snapshot =
                new GenericDomainEventMessage<>(aggregate.type(), id, version, copy);
        Runnable store = () -> executor.execute(() -> {
            try {
                eventStore.storeSnapshot(snapshot);
            } catch (RuntimeException e) {
                // a ledger without this snapshot loads from the one before it: slower, never wrong
                log.warn("snapshot of {} at {} not stored: {}", id, version, e.toString());
            }
        });
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> store.run());
            CurrentUnitOfWork.get().onRollback(u -> places.remove(id));
        } else {
            store.run();
        }
    }
}
