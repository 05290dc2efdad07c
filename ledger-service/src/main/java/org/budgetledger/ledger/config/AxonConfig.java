package org.budgetledger.ledger.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.config.annotation.SpringBeanParameterResolverFactory;
import org.budgetledger.contract.Json;
import org.budgetledger.ledger.aggregate.Ledger;
import org.budgetledger.ledger.audit.HistoryGuard;
import org.budgetledger.ledger.relay.StoredEvents;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Axon on MongoDB. axon-mongo has no Spring Boot starter for Axon 4.13, so the engine is wired here. Events are
 * stored as one document per event with a unique index on (aggregate, sequence): that index, not a lock, is what
 * keeps two writers on one ledger from both succeeding. Loading a ledger reads its snapshot and the events after
 * it in one query (the embedded store scans for any query but an exact key, docs/STACK.md#exact-key-reads), and a
 * bounded cache keeps hot ledgers in memory so that a command normally reads nothing at all.
 */
@Configuration
public class AxonConfig {

    /**
     * Events and the ledger.events envelopes share the contract's JSON form. Every event is written in the contract's
     * current revision (EventRevisions), which the store keeps beside it.
     */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder()
                .objectMapper(Json.newMapper())
                .revisionResolver(new org.axonframework.serialization.FixedValueRevisionResolver(
                        org.budgetledger.contract.event.EventRevisions.CURRENT))
                .build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(Json.newMapper()).build();
    }

    /**
     * Snapshots and tokens. A snapshot holds events (the ledger's close, say) in the form of its time, and snapshots are
     * not upcast: each is written with the event revision it holds, and one of an earlier revision is skipped (below).
     */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = Json.newMapper();
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(new org.axonframework.serialization.FixedValueRevisionResolver(
                        org.budgetledger.contract.event.EventRevisions.CURRENT))
                .build();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, MongoDatabaseFactory databases) {
        // the database named in spring.data.mongodb.uri, like everything else of the ledger
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client, databases.getMongoDatabase().getName())
                .build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Value("${ledger.axon.load-batch-size:12000}") int loadBatchSize) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new DocumentPerEventStorageStrategy())
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                // an event written in an earlier revision is read as today's; the store keeps what was written
                .upcasterChain(
                        new org.axonframework.serialization.upcasting.event.EventUpcasterChain(new EarlierRevisions()))
                // larger than the snapshot interval: a ledger loads with one events query after its snapshot
                .batchSize(loadBatchSize)
                // a snapshot of another class (the aggregate's earlier home) is skipped: the ledger then replays
                // its events, where a foreign payload would be taken for an event and hide those before it; so is a
                // snapshot of an earlier event revision, which nothing upcasts: the ledger loads from its events once
                .snapshotFilter(snapshot -> Ledger.class
                                .getName()
                                .equals(snapshot.getPayload().getType().getName())
                        && org.budgetledger.contract.event.EventRevisions.CURRENT.equals(
                                snapshot.getPayload().getType().getRevision()))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    public Cache ledgerCache(@Value("${ledger.axon.cache-size:2000}") int size) {
        return new BoundedCache(size);
    }

    /** Snapshots every {@code ledger.axon.snapshot-every} events, copied from the ledger in hand (CachedSnapshots). */
    @Bean
    CachedSnapshots ledgerSnapshots(
            EventStore eventStore, Serializer serializer, @Value("${ledger.axon.snapshot-every:10000}") int every) {
        // stored on a thread of their own: a snapshot is a large document, and the command that was due is done
        return new CachedSnapshots(
                eventStore,
                serializer,
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "ledger-snapshotter");
                    t.setDaemon(true);
                    return t;
                }),
                every);
    }

    /**
     * Ledgers: cached, snapshotted, and checked against the store before each command (FreshCachingRepository): a
     * cached ledger whose last event the store no longer holds is a divergence (HistoryGuard).
     */
    @Bean
    public Repository<Ledger> ledgerRepository(
            EventStore eventStore,
            Cache ledgerCache,
            CachedSnapshots ledgerSnapshots,
            StoredEvents stored,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            HistoryGuard guard,
            ApplicationContext context) {
        EventSourcingRepository.Builder<Ledger> builder = EventSourcingRepository.builder(Ledger.class)
                // the same handler parameters Axon gives aggregates, Spring beans among them (the catalogues)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Ledger.class),
                        new SpringBeanParameterResolverFactory(context)))
                .handlerDefinition(ClasspathHandlerDefinition.forClass(Ledger.class));
        FreshCachingRepository.CachedCheck<Ledger> check = (id, version, cached) -> {
            String head = cached.invoke(Ledger::chainHead);
            if (guard.holds(id, version, head)) {
                return true;
            }
            guard.diverged(id, version, head);
            return false;
        };
        return new FreshCachingRepository<>(
                builder, ledgerCache, eventStore, stored, eventSerializer, ledgerSnapshots, check);
    }

    /** Commands that lost a race on a ledger are retried (JitteredRetryScheduler); at most 16 times, ~10 s in all. */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(JitteredRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor(r -> {
                            Thread t = new Thread(r, "command-retry");
                            t.setDaemon(true);
                            return t;
                        }))
                        .addNonTransientFailurePredicate(JitteredRetryScheduler::storeAway)
                        .maxRetryCount(16)
                        .base(5)
                        .cap(1_000)
                        .build())
                .build();
    }
}
