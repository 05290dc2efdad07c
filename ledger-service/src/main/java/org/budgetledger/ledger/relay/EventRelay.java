package org.budgetledger.ledger.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes every recorded event to ledger.events (key: its stream), in sequence order per stream, exactly as the
 * store holds it. Not Axon's global event stream, which can skip events on MongoDB
 * (docs/STACK.md#no-global-event-stream): the cursor is the per-stream sequence, moved only after Kafka committed
 * the events.
 *
 * <p>Every ledger-service instance publishes a share: the partitions of ledger.events that Kafka's group assignment
 * gives it ({@link RelayShare}), each through a producer fenced by the partition ({@link PartitionPublisher}). An
 * instance's own just-committed events arrive in memory; what it writes to another instance's partitions it leaves
 * as a hint ({@link RelayHints}); anything else (a full queue, a crash, a hint lost with its writer) is found by
 * probing the store at cursor + 1, on taking a partition over and every {@code probeInterval}. So after any crash
 * the partition's next publisher resumes where Kafka's last commit left it. Duplicates are possible after a crash,
 * losses and reordering are not.
 */
public final class EventRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int MAX_BATCH = 5_000;
    private static final int MAX_FILL_PER_STREAM = 10_000;
    /** Streams caught up from the store in one round, and probed in one round: rounds stay short, polls frequent. */
    private static final int MAX_STREAMS_PER_ROUND = 1_000;
    /** Records per Kafka transaction: a transaction stays well inside its timeout, and holds readers back briefly. */
    private static final int MAX_TRANSACTION_RECORDS = 10_000;
    /** A partition Kafka fenced this instance on is not taken again sooner, unless the group assigns it anew. */
    private static final Duration FENCED_PAUSE = Duration.ofSeconds(30);

    /** What the relay reads and writes, besides Kafka. */
    public record Stores(EventStore eventStore, StoredEvents stored, StreamRegistry registry, RelayHints hints) {}

    /** How the relay talks to Kafka: the group's consumer and a fenced producer per partition. */
    public record Kafka(
            java.util.function.Function<Duration, org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>>
                    groupConsumers,
            IntFunction<org.apache.kafka.clients.producer.Producer<String, String>> partitionProducers,
            String topic,
            Duration sessionTimeout) {}

    /** How often the relay looks at other instances' hints, and probes every stream it publishes. */
    public record Timing(Duration hintInterval, Duration probeInterval) {}

    private final Stores stores;
    private final Kafka kafka;
    private final Timing timing;
    private final Envelopes envelopes = new Envelopes();
    private final Clock clock = Clock.systemUTC();

    private final BlockingQueue<DomainEventMessage<?>> committed = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Streams whose events did not fit the queue, with the highest sequence seen: published or hinted later. */
    private final Map<String, Long> overflow = new ConcurrentHashMap<>();

    // Everything below belongs to the relay's thread.
    private final RelayShare share;
    private final Map<Integer, PartitionPublisher> publishers = new ConcurrentHashMap<>();
    private final Map<Integer, Long> fencedAt = new HashMap<>();
    private final Map<String, Long> published = new HashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** Streams of partitions just taken over, to probe at cursor + 1 (a few per round). */
    private final java.util.Deque<String> toProbe = new java.util.ArrayDeque<>();
    /** Rewinds carried out this round, cleared from the hints once the round published. */
    private final Map<String, Long> rewound = new HashMap<>();

    private volatile StreamPartitions partitions;
    private long nextHintsAt = System.nanoTime();
    private long nextProbeAt = System.nanoTime();

    private final Counter publishedEvents;
    private final Timer batchTimer;
    private final Timer lag;
    private final MeterRegistry meters;

    private volatile boolean running;
    private Thread worker;
    private Registration subscription;

    public EventRelay(Stores stores, Kafka kafka, Timing timing, MeterRegistry meters) {
        this.stores = stores;
        this.kafka = kafka;
        this.timing = timing;
        this.meters = meters;
        this.share =
                new RelayShare(kafka.groupConsumers(), kafka.topic(), kafka.sessionTimeout(), new RelayShare.Changes() {
                    @Override
                    public void gained(Set<Integer> gained) {
                        take(gained);
                    }

                    @Override
                    public void gone(Set<Integer> gone, boolean cleanly) {
                        release(gone, cleanly ? "revoked" : "lost");
                    }
                });
        this.publishedEvents = Counter.builder("ledger.relay.published")
                .description("events published to ledger.events")
                .register(meters);
        this.batchTimer = Timer.builder("ledger.relay.batch")
                .description("time to publish one batch and move the cursors")
                .register(meters);
        this.lag = Timer.builder("ledger.relay.lag")
                .description("from an event's recording to Kafka's commit of it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("ledger.relay.queue", committed, BlockingQueue::size)
                .description("committed events waiting to be published")
                .register(meters);
        Gauge.builder("ledger.relay.dirty", dirty, Set::size)
                .description("streams waiting for a catch-up from the store")
                .register(meters);
        Gauge.builder("ledger.relay.partitions", publishers, Map::size)
                .description("partitions of ledger.events this instance publishes (its share)")
                .register(meters);
    }

    @Override
    public void start() {
        running = true;
        subscription = stores.eventStore().subscribe(this::onCommitted);
        worker = new Thread(this::run, "event-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Leaves the group, so that the others take this instance's partitions at once; bounded even without a broker. */
    @Override
    public void stop() {
        running = false;
        if (subscription != null) {
            subscription.cancel();
        }
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(8_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The partitions of ledger.events this instance publishes now, and how many the topic has (0 until known). */
    public Share share() {
        StreamPartitions known = partitions;
        return new Share(new java.util.TreeSet<>(publishers.keySet()), known == null ? 0 : known.count());
    }

    /** This instance's share of ledger.events: a router sends a unit's postings where its partition is published. */
    public record Share(Set<Integer> partitions, int of) {}

    /** Called by Axon once events are stored. Never blocks a command: a full queue defers to the store. */
    private void onCommitted(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> e : events) {
            if (e instanceof DomainEventMessage<?> d && !committed.offer(d)) {
                overflow.merge(d.getAggregateIdentifier(), d.getSequenceNumber(), Math::max);
            }
        }
    }

    private void run() {
        long backoffMs = 0;
        try {
            while (running) {
                try {
                    if (backoffMs > 0) {
                        Thread.sleep(backoffMs);
                    }
                    share.poll(Duration.ZERO);
                    takeHeldPartitions();
                    relayOnce();
                    backoffMs = 0;
                } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    backoffMs = Math.min(5_000, Math.max(200, backoffMs * 2));
                    log.warn("relay round failed, retrying in {} ms: {}", backoffMs, e.toString());
                }
            }
        } finally {
            Thread.interrupted(); // the stop's interrupt must not cut the closes short: they are bounded themselves
            share.close();
            publishers.values().forEach(PartitionPublisher::close);
            publishers.clear();
        }
    }

    private StreamPartitions partitions() {
        if (partitions == null) {
            partitions = new StreamPartitions(share.partitionCount());
        }
        return partitions;
    }

    /** The group gave these partitions: they get publishers in the next round (outside the group's callback). */
    private void take(Set<Integer> gained) {
        gained.forEach(fencedAt::remove);
        meters.counter("ledger.relay.handovers", "kind", "gained").increment(gained.size());
    }

    /** The group took these partitions away (or this instance was fenced on them): stop publishing them. */
    private void release(Set<Integer> gone, String kind) {
        for (int partition : gone) {
            PartitionPublisher publisher = publishers.remove(partition);
            if (publisher != null) {
                publisher.close();
            }
        }
        StreamPartitions p = partitions();
        published.keySet().removeIf(stream -> gone.contains(p.of(stream)));
        dirty.removeIf(stream -> gone.contains(p.of(stream)));
        toProbe.removeIf(stream -> gone.contains(p.of(stream)));
        meters.counter("ledger.relay.handovers", "kind", kind).increment(gone.size());
    }

    /**
     * Every partition the group assigned gets a publisher (which fences the one before it), unless Kafka fenced this
     * instance on it lately. Its streams' cursors are then read from the registry, where only what Kafka committed
     * moved them, and each stream is probed once: whatever the last publisher, or this one before, left.
     */
    private void takeHeldPartitions() {
        Set<Integer> adopted = new java.util.TreeSet<>();
        for (int partition : share.held()) {
            Long fenced = fencedAt.get(partition);
            if (publishers.containsKey(partition)
                    || (fenced != null && System.nanoTime() - fenced < FENCED_PAUSE.toNanos())) {
                continue;
            }
            publishers.put(
                    partition,
                    new PartitionPublisher(kafka.partitionProducers().apply(partition), kafka.topic(), partition));
            fencedAt.remove(partition);
            adopted.add(partition);
        }
        if (adopted.isEmpty()) {
            return;
        }
        StreamPartitions p = partitions();
        stores.registry().positions().forEach((stream, position) -> {
            if (adopted.contains(p.of(stream))) {
                published.put(stream, position.published());
                toProbe.add(stream);
            }
        });
    }

    private boolean publishes(String stream) {
        return publishers.containsKey(partitions().of(stream));
    }

    /** An event to publish, with what the cursor and the lag need. */
    private record Out(long sequence, Instant recordedAt, String json) {}

    private void relayOnce() throws InterruptedException {
        partitions(); // known before anything is taken from the queue
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        DomainEventMessage<?> first = committed.poll(50, TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            committed.drainTo(batch, MAX_BATCH - 1);
        }
        Map<String, Long> theirs = new HashMap<>();
        Map<String, List<Out>> outgoing = new LinkedHashMap<>();
        Map<String, Long> last = new HashMap<>();
        try {
            collect(batch, theirs, outgoing, last);
            drainOverflow(theirs);
            hintOthers(theirs);
            Map<String, Long> hinted = readHintsIfDue();
            probeIfDue();
            fillDirty(outgoing, last);
            if (!outgoing.isEmpty()) {
                Timer.Sample sample = Timer.start();
                publish(outgoing, last);
                sample.stop(batchTimer);
            }
            coverHints(hinted);
            rewound.forEach((stream, to) -> stores.hints().rewound(stream, to));
            rewound.clear();
        } catch (RuntimeException e) {
            outgoing.keySet().forEach(dirty::add); // taken from the queue: caught up from the store next round
            throw e;
        }
    }

    /** This instance's just-committed events, in order after each stream's cursor (a gap filled from the store). */
    private void collect(
            List<DomainEventMessage<?>> batch,
            Map<String, Long> theirs,
            Map<String, List<Out>> outgoing,
            Map<String, Long> last) {
        for (DomainEventMessage<?> m : batch) {
            String stream = m.getAggregateIdentifier();
            if (!publishes(stream)) {
                theirs.merge(stream, m.getSequenceNumber(), Math::max);
                continue;
            }
            long next = last.getOrDefault(stream, cursor(stream)) + 1;
            if (m.getSequenceNumber() < next) {
                continue; // published already
            }
            if (m.getSequenceNumber() > next
                    && (m.getSequenceNumber() - next > MAX_FILL_PER_STREAM
                            || !fill(stream, next, m.getSequenceNumber() - 1, outgoing, last))) {
                dirty.add(stream); // a long way behind: caught up from the store, a bounded part per round
                continue;
            }
            outgoing.computeIfAbsent(stream, s -> new ArrayList<>())
                    .add(new Out(m.getSequenceNumber(), m.getTimestamp(), envelopes.fromMessage(m)));
            last.put(stream, m.getSequenceNumber());
        }
    }

    private void fillDirty(Map<String, List<Out>> outgoing, Map<String, Long> last) {
        for (String stream : dirty.stream().limit(MAX_STREAMS_PER_ROUND).toList()) {
            dirty.remove(stream);
            if (!publishes(stream)) {
                continue;
            }
            long from = last.getOrDefault(stream, cursor(stream)) + 1;
            if (fill(stream, from, from + MAX_FILL_PER_STREAM - 1, outgoing, last)) {
                dirty.add(stream); // more than one round's worth
            }
        }
    }

    /** Streams that overflowed the queue: this instance's to catch up from the store, the others' to hint. */
    private void drainOverflow(Map<String, Long> theirs) {
        for (String stream : List.copyOf(overflow.keySet())) {
            Long head = overflow.remove(stream);
            if (head == null) {
                continue;
            }
            if (publishes(stream)) {
                dirty.add(stream);
            } else {
                theirs.merge(stream, head, Math::max);
            }
        }
    }

    private void hintOthers(Map<String, Long> theirs) {
        try {
            stores.hints().hint(theirs, partitions());
        } catch (RuntimeException e) {
            theirs.forEach((stream, head) -> overflow.merge(stream, head, Math::max)); // hinted again next round
            throw e;
        }
    }

    /**
     * What other instances wrote to this instance's partitions: those streams are caught up from the store. And
     * rewinds: a stream whose store no longer matches what was published is published again from there.
     */
    private Map<String, Long> readHintsIfDue() {
        if (System.nanoTime() - nextHintsAt < 0 || publishers.isEmpty()) {
            return Map.of();
        }
        nextHintsAt = System.nanoTime() + timing.hintInterval().toNanos();
        Map<String, Long> hinted = new HashMap<>();
        stores.hints().of(publishers.keySet()).forEach((stream, hint) -> {
            if (!publishes(stream)) {
                return; // a partition of ours once, or a rewind for another instance
            }
            if (hint.rewind() != null) {
                // the registry first: a successor starts from it, and a probe may not raise the cursor past the rewind
                stores.registry().rewind(stream, hint.rewind());
                published.put(stream, Math.min(cursor(stream), hint.rewind()));
                rewound.put(stream, hint.rewind()); // cleared from the hints once this round has published
                log.warn(
                        "relay: {} is published again from sequence {}: its history in the store changed",
                        stream,
                        hint.rewind() + 1);
            }
            if (hint.head() > cursor(stream) || hint.rewind() != null) {
                dirty.add(stream);
            }
            hinted.put(stream, hint.head());
        });
        return hinted;
    }

    /** Drops the hints now published, read back from the cursors (which moved only once Kafka committed). */
    private void coverHints(Map<String, Long> hinted) {
        if (hinted.isEmpty()) {
            return;
        }
        Map<String, Long> covered = new HashMap<>();
        hinted.forEach((stream, head) -> {
            if (cursor(stream) >= head) {
                covered.put(stream, cursor(stream));
            }
        });
        stores.hints().covered(covered);
    }

    /**
     * Every stream of this instance's partitions whose next event is in the store: events whose hint a crash lost,
     * or of streams this instance has not seen yet. An exact-key read per stream.
     */
    private void probeIfDue() {
        if (System.nanoTime() - nextProbeAt >= 0 && !publishers.isEmpty() && toProbe.isEmpty()) {
            nextProbeAt = System.nanoTime() + timing.probeInterval().toNanos();
            stores.registry().positions().forEach((stream, position) -> {
                if (publishes(stream)) {
                    published.merge(stream, position.published(), Math::max);
                    toProbe.add(stream);
                }
            });
        }
        for (int i = 0; i < MAX_STREAMS_PER_ROUND && !toProbe.isEmpty(); i++) {
            String stream = toProbe.poll();
            if (publishes(stream) && stores.stored().exists(stream, cursor(stream) + 1)) {
                dirty.add(stream);
            }
        }
    }

    /** Adds the stored events from..to to the outgoing records; false at the first one that does not exist. */
    private boolean fill(String stream, long from, long to, Map<String, List<Out>> outgoing, Map<String, Long> last) {
        long next = from;
        for (StoredEvents.StoredEvent event : stores.stored().history(stream, from, to - from + 1)) {
            outgoing.computeIfAbsent(stream, s -> new ArrayList<>())
                    .add(new Out(event.sequence(), event.recordedAt(), envelopes.fromStored(event)));
            last.put(stream, event.sequence());
            next++;
        }
        return next > to;
    }

    private long cursor(String stream) {
        return published.getOrDefault(stream, StreamRegistry.NONE);
    }

    /**
     * One transaction per partition; the cursors of its streams move once Kafka committed it. A partition Kafka
     * fenced this instance on is given up at once: its streams' events wait for the new publisher.
     */
    private void publish(Map<String, List<Out>> outgoing, Map<String, Long> last) {
        Map<Integer, Map<String, List<Out>>> byPartition = new LinkedHashMap<>();
        outgoing.forEach((stream, outs) -> byPartition
                .computeIfAbsent(partitions().of(stream), p -> new LinkedHashMap<>())
                .put(stream, outs));
        RuntimeException failure = null;
        for (Map.Entry<Integer, Map<String, List<Out>>> part : byPartition.entrySet()) {
            try {
                publishPartition(part.getKey(), part.getValue(), last);
            } catch (PartitionPublisher.Fenced e) {
                log.error("relay: {}; giving it up", e.getMessage());
                fencedAt.put(part.getKey(), System.nanoTime());
                release(Set.of(part.getKey()), "fenced");
                share.reassign();
            } catch (RuntimeException e) {
                part.getValue().keySet().forEach(dirty::add);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("Kafka did not commit: " + failure, failure);
        }
    }

    /** A partition's streams, in transactions of at most {@value #MAX_TRANSACTION_RECORDS} records (a stream whole). */
    private void publishPartition(int partition, Map<String, List<Out>> streams, Map<String, Long> last) {
        Map<String, List<Out>> chunk = new LinkedHashMap<>();
        int records = 0;
        for (Map.Entry<String, List<Out>> stream : streams.entrySet()) {
            if (records > 0 && records + stream.getValue().size() > MAX_TRANSACTION_RECORDS) {
                publishTransaction(partition, chunk, last);
                chunk.clear();
                records = 0;
            }
            chunk.put(stream.getKey(), stream.getValue());
            records += stream.getValue().size();
        }
        publishTransaction(partition, chunk, last);
    }

    private void publishTransaction(int partition, Map<String, List<Out>> streams, Map<String, Long> last) {
        PartitionPublisher publisher = publishers.get(partition);
        if (publisher == null || streams.isEmpty()) {
            return; // given up meanwhile
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        streams.forEach((stream, outs) ->
                outs.forEach(o -> records.add(new ProducerRecord<>(kafka.topic(), stream, o.json()))));
        try {
            publisher.publish(records);
        } catch (PartitionPublisher.Fenced e) {
            throw e;
        } catch (RuntimeException e) {
            // not fenced (a timeout, an aborted transaction): this partition starts afresh next round, its cursors read
            // again from the registry; the new producer fences only this instance's own, the group still assigning it
            publishers.remove(partition).close();
            throw e;
        }
        Map<String, Long> moved = new HashMap<>();
        streams.keySet().forEach(stream -> moved.put(stream, last.get(stream)));
        published.putAll(moved);
        stores.registry().advance(moved);
        publishedEvents.increment(records.size());
        Instant now = clock.instant();
        streams.values().forEach(outs -> outs.forEach(o -> lag.record(Duration.between(o.recordedAt(), now))));
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // after Axon's components start, before they stop
    }
}
