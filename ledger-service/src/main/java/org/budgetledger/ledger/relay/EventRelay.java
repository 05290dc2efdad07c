package org.budgetledger.ledger.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes every recorded event to ledger.events (key: its stream), in sequence order per stream, exactly as the
 * store holds it. Not Axon's global event stream, which can skip events on MongoDB (STACK.md): the cursor is the
 * per-stream sequence. Just-committed events arrive in memory; anything else (a full queue, a crash, a write by
 * another instance) is found by probing the store at cursor + 1, so after any crash the relay resumes where
 * Kafka's last acknowledgement left it. Duplicates are possible after a crash, losses and reordering are not.
 */
public final class EventRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int MAX_BATCH = 5_000;
    private static final int MAX_FILL_PER_STREAM = 10_000;

    private final EventStore eventStore;
    private final StoredEvents stored;
    private final StreamRegistry registry;
    private final Supplier<Producer<String, String>> producers;
    private final String topic;
    private final Duration sweepInterval;
    private final Duration probeInterval;
    private final RelayLease lease;
    private final Envelopes envelopes = new Envelopes();

    private final BlockingQueue<DomainEventMessage<?>> committed = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private final Counter publishedEvents;
    private final Timer batchTimer;

    private volatile boolean running;
    private Thread worker;
    private Registration subscription;
    private Producer<String, String> producer;
    private boolean leading;
    private long leaseCheckAt = System.nanoTime();
    private long nextSweepAt = System.nanoTime();
    private long nextProbeAt = System.nanoTime();

    public EventRelay(EventStore eventStore, StoredEvents stored, StreamRegistry registry, MongoDatabaseFactory databases,
                      Supplier<Producer<String, String>> producers, String topic, Duration sweepInterval,
                      String instance, MeterRegistry meters) {
        this.eventStore = eventStore;
        this.stored = stored;
        this.registry = registry;
        this.producers = producers;
        this.topic = topic;
        this.sweepInterval = sweepInterval;
        this.probeInterval = Duration.ofSeconds(60);
        this.lease = new RelayLease(databases, instance, Duration.ofSeconds(15), Clock.systemUTC());
        this.publishedEvents = Counter.builder("ledger.relay.published").description("events published to ledger.events").register(meters);
        this.batchTimer = Timer.builder("ledger.relay.batch").description("time to publish one batch and move the cursors").register(meters);
        Gauge.builder("ledger.relay.queue", committed, BlockingQueue::size).description("committed events waiting to be published").register(meters);
        Gauge.builder("ledger.relay.dirty", dirty, Set::size).description("streams waiting for a catch-up from the store").register(meters);
    }

    @Override
    public void start() {
        running = true;
        subscription = eventStore.subscribe(this::onCommitted);
        worker = new Thread(this::run, "event-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (subscription != null) {
            subscription.cancel();
        }
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (leading) {
            lease.release();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Called by Axon once events are stored. Never blocks a command: a full queue defers to the store. */
    private void onCommitted(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> e : events) {
            if (e instanceof DomainEventMessage<?> d && !committed.offer(d)) {
                dirty.add(d.getAggregateIdentifier());
            }
        }
    }

    /** A stream some command on this instance changed without the event reaching the queue. */
    public void markDirty(String stream) {
        dirty.add(stream);
    }

    /** How many events of all streams are waiting to be published, as far as this instance knows. */
    public int backlog() {
        return committed.size() + dirty.size();
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                }
                if (!lead()) {
                    hintTheLeader();
                    Thread.sleep(200);
                    continue;
                }
                relayOnce();
                backoffMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoffMs = Math.min(5_000, Math.max(200, backoffMs * 2));
                log.warn("relay round failed, retrying in {} ms: {}", backoffMs, e.toString());
                resetProducer();
            }
        }
    }

    /** Holds or takes the lease, renewing it every few seconds (well within its time to live). */
    private boolean lead() {
        if (System.nanoTime() - leaseCheckAt < 0) {
            return leading;
        }
        boolean holds = lease.acquire();
        leaseCheckAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        if (holds && !leading) {
            published.clear();
            registry.positions().forEach((stream, position) -> published.put(stream, position.published()));
            nextSweepAt = System.nanoTime();
            nextProbeAt = System.nanoTime(); // whatever the last leader left unpublished
            log.info("relay leads: {} streams", published.size());
        }
        leading = holds;
        return holds;
    }

    /** Not leading: tell the leader which streams this instance wrote, so it need not probe for them. */
    private void hintTheLeader() {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        committed.drainTo(batch, MAX_BATCH);
        Map<String, Long> heads = new HashMap<>();
        batch.forEach(m -> heads.merge(m.getAggregateIdentifier(), m.getSequenceNumber(), Math::max));
        registry.hint(heads);
        dirty.clear(); // overflow while not leading: the leader's periodic probe finds those
    }

    private void relayOnce() throws InterruptedException {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        DomainEventMessage<?> first = committed.poll(50, TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            committed.drainTo(batch, MAX_BATCH - 1);
        }
        if (System.nanoTime() - nextSweepAt >= 0) {
            boolean probe = System.nanoTime() - nextProbeAt >= 0;
            sweep(probe);
            nextSweepAt = System.nanoTime() + sweepInterval.toNanos();
            if (probe) {
                nextProbeAt = System.nanoTime() + probeInterval.toNanos();
            }
        }
        if (batch.isEmpty() && dirty.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start();
        Map<String, List<String>> outgoing = new LinkedHashMap<>();
        Map<String, Long> last = new HashMap<>();
        for (DomainEventMessage<?> m : batch) {
            String stream = m.getAggregateIdentifier();
            long next = last.getOrDefault(stream, cursor(stream)) + 1;
            if (m.getSequenceNumber() < next) {
                continue; // published already
            }
            if (m.getSequenceNumber() > next && !fill(stream, next, m.getSequenceNumber() - 1, outgoing, last)) {
                dirty.add(stream);
                continue;
            }
            outgoing.computeIfAbsent(stream, s -> new ArrayList<>()).add(envelopes.fromMessage(m));
            last.put(stream, m.getSequenceNumber());
        }
        for (String stream : List.copyOf(dirty)) {
            dirty.remove(stream);
            long from = last.getOrDefault(stream, cursor(stream)) + 1;
            if (fill(stream, from, from + MAX_FILL_PER_STREAM - 1, outgoing, last)) {
                dirty.add(stream); // more than one round's worth
            }
        }
        send(outgoing);
        published.putAll(last);
        registry.advance(last);
        sample.stop(batchTimer);
    }

    /** Adds the stored events from..to to the outgoing records; false at the first one that does not exist. */
    private boolean fill(String stream, long from, long to, Map<String, List<String>> outgoing, Map<String, Long> last) {
        long next = from;
        for (StoredEvents.StoredEvent event : stored.history(stream, from, to - from + 1)) {
            outgoing.computeIfAbsent(stream, s -> new ArrayList<>()).add(envelopes.fromStored(event));
            last.put(stream, event.sequence());
            next++;
        }
        return next > to;
    }

    /**
     * Finds streams with events past their cursor: those another instance reported writing and, when probing,
     * every stream whose next event exists in the store (writes whose report a crash lost, or never made).
     */
    private void sweep(boolean probe) {
        registry.positions().forEach((stream, position) -> {
            long cursor = published.merge(stream, position.published(), Math::max);
            if (position.head() > cursor || (probe && stored.exists(stream, cursor + 1))) {
                dirty.add(stream);
            }
        });
    }

    private long cursor(String stream) {
        return published.getOrDefault(stream, StreamRegistry.NONE);
    }

    private void send(Map<String, List<String>> outgoing) {
        if (outgoing.isEmpty()) {
            return;
        }
        if (producer == null) {
            producer = producers.get();
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        outgoing.forEach((stream, records) -> records.forEach(
                r -> acks.add(producer.send(new ProducerRecord<>(topic, stream, r)))));
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (java.util.concurrent.ExecutionException e) {
                outgoing.keySet().forEach(dirty::add);
                throw new IllegalStateException("Kafka did not acknowledge: " + e.getCause(), e.getCause());
            }
        }
        publishedEvents.increment(acks.size());
    }

    private void resetProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // a broken producer is replaced either way
            }
            producer = null;
        }
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // after Axon's components start, before they stop
    }
}
