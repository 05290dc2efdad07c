package org.budgetledger.ledger.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.budgetledger.ledger.relay.StoredEvents;

/**
 * Axon's caching repository, made safe for several instances: before a command runs on a cached aggregate, one
 * exact-key read asks the store whether an event follows the cached version. If one does (another instance wrote),
 * the aggregate is reloaded. Writes were safe without it (the unique index refuses a stale append), but reads
 * (a ledger's state, whether it holds a posting) would have answered from the past.
 */
final class FreshCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final StoredEvents stored;
    private final CachedSnapshots snapshots;

    FreshCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, StoredEvents stored, CachedSnapshots snapshots) {
        super(builder.cache(cache));
        this.cache = cache;
        this.stored = stored;
        this.snapshots = snapshots;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        Long version = aggregate.version();
        if (version != null && stored.exists(aggregateIdentifier, version + 1)) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        snapshots.loaded(aggregateIdentifier, aggregate.version());
        return aggregate;
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        snapshots.saving(aggregate);
    }
}
