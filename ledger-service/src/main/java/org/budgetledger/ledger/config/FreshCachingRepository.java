package org.budgetledger.ledger.config;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.budgetledger.contract.event.EventRevisions;
import org.budgetledger.ledger.relay.StoredEvents;

/**
 * Axon's caching repository, made safe for several instances and honest about its store. Before a command runs on a
 * cached aggregate, two exact-key reads ask the store:
 * <ul>
 *   <li>whether an event follows the cached version: if one does (another instance wrote), the cached aggregate
 *       catches up by applying the events after its version, read from the store by exact key (a reload would
 *       replay everything since the last snapshot, up to 10,000 events, each time writes to a ledger alternate
 *       between instances: docs/PERFORMANCE.md, "Beyond one machine"). Writes were safe without it (the unique index refuses a stale
 *       append), but reads (a ledger's state, whether it holds a posting) would have answered from the past;</li>
 *   <li>whether the store still holds the cached version's event: if it does not (the store lost or changed what it
 *       had acknowledged), the {@link CachedCheck} reports the divergence and the aggregate is reloaded from the store,
 *       before a command could append after events the store no longer has.</li>
 * </ul>
 */
final class FreshCachingRepository<T> extends CachingEventSourcingRepository<T> {

    /** Whether the store still holds what a cached aggregate was built from; if not, the check reports it. */
    interface CachedCheck<T> {
        boolean stillHeld(String id, long version, EventSourcedAggregate<T> cached);
    }

    /** A cached aggregate further behind than this is loaded again (snapshot and the events after it). */
    private static final int MAX_CATCH_UP = 5_000;

    private final Cache cache;
    private final String aggregateType;
    private final Serializer serializer;
    private final StoredEvents stored;
    private final CachedSnapshots snapshots;
    private final CachedCheck<T> check;

    FreshCachingRepository(
            EventSourcingRepository.Builder<T> builder,
            Cache cache,
            EventStore eventStore,
            StoredEvents stored,
            Serializer serializer,
            CachedSnapshots snapshots,
            CachedCheck<T> check) {
        super(builder.eventStore(eventStore).cache(cache));
        this.cache = cache;
        this.aggregateType = getAggregateType().getSimpleName();
        this.serializer = serializer;
        this.stored = stored;
        this.snapshots = snapshots;
        this.check = check;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.get(aggregateIdentifier) != null;
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        Long version = aggregate.version();
        if (version != null && cached && !check.stillHeld(aggregateIdentifier, version, aggregate)) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        } else if (version != null && stored.exists(aggregateIdentifier, version + 1)) {
            // its own history up to version is the store's (checked above): only what follows is missing
            List<DomainEventMessage<?>> missing = after(aggregateIdentifier, version);
            if (!missing.isEmpty() && missing.size() < MAX_CATCH_UP) {
                aggregate.initializeState(DomainEventStream.of(missing));
            } else { // gone between the two reads (the store changed under us), or far behind: believe the store whole
                cache.remove(aggregateIdentifier);
                aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
            }
        }
        snapshots.loaded(aggregateIdentifier, aggregate.version());
        return aggregate;
    }

    /**
     * The stored events after {@code version}, read by exact key, at most {@link #MAX_CATCH_UP}: Axon's own read is a
     * range query, which the embedded store answers by scanning every event of every ledger.
     */
    private List<DomainEventMessage<?>> after(String id, long version) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (StoredEvents.StoredEvent e : stored.history(id, version + 1, MAX_CATCH_UP)) {
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(
                    e.currentPayloadJson(), String.class, e.payloadType(), EventRevisions.CURRENT));
            MetaData metaData = e.metaDataJson() == null
                    ? MetaData.emptyInstance()
                    : serializer.deserialize(new SimpleSerializedObject<>(
                            e.metaDataJson(), String.class, MetaData.class.getName(), null));
            events.add(new GenericDomainEventMessage<>(
                    aggregateType, id, e.sequence(), payload, metaData, e.eventId(), e.recordedAt()));
        }
        return events;
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        snapshots.saving(aggregate);
    }
}
