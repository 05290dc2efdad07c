package org.budgetledger.ledger.relay;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions of ledger.events this instance publishes, decided by Kafka's group assignment: every
 * ledger-service instance is a member of one consumer group subscribed to ledger.events, and the partitions the group
 * gives a member are the ones it publishes. The consumer never reads a record (its partitions stay paused); it is
 * there for the membership, the assignment ({@link AlignedAssignor}: the partitions whose postings this instance
 * ingests, handed over cooperatively) and the detection of a dead member (its session expires after
 * {@code LEDGER_RELAY_SESSION_TIMEOUT}).
 *
 * <p>Polled only from the relay's thread, so the changes arrive there, between two rounds of publishing.
 */
final class RelayShare implements ConsumerRebalanceListener, AutoCloseable {

    /** What the relay does when the group moves partitions to or away from this instance. */
    interface Changes {
        void gained(Set<Integer> partitions);

        /** {@code cleanly}: revoked in a rebalance; otherwise lost (this member's session had already expired). */
        void gone(Set<Integer> partitions, boolean cleanly);
    }

    private static final Logger log = LoggerFactory.getLogger(RelayShare.class);

    private final Function<Duration, Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final Changes changes;
    private final Set<Integer> held = new TreeSet<>();
    private Duration sessionTimeout;
    private Consumer<byte[], byte[]> consumer;

    /** @param consumers makes the group's consumer with a given session timeout */
    RelayShare(
            Function<Duration, Consumer<byte[], byte[]>> consumers,
            String topic,
            Duration sessionTimeout,
            Changes changes) {
        this.consumers = consumers;
        this.topic = topic;
        this.sessionTimeout = sessionTimeout;
        this.changes = changes;
    }

    /** Keeps the membership alive and delivers any change of the assignment, waiting at most {@code timeout}. */
    void poll(Duration timeout) {
        if (consumer == null) {
            consumer = consumers.apply(sessionTimeout);
            consumer.subscribe(List.of(topic), this);
        }
        try {
            consumer.poll(timeout);
        } catch (InvalidSessionTimeoutException e) {
            // a broker whose group.min.session.timeout.ms is above ours (Kafka's default is 6 s): take its minimum
            Duration fallback = Duration.ofSeconds(6);
            log.warn(
                    "the broker refuses a relay session timeout of {}; using {} (set group.min.session.timeout.ms on the "
                            + "broker, or LEDGER_RELAY_SESSION_TIMEOUT, to choose)",
                    sessionTimeout,
                    fallback);
            sessionTimeout = fallback;
            closeConsumer();
        }
    }

    /** The partitions this instance publishes now. */
    Set<Integer> held() {
        return Set.copyOf(held);
    }

    /** How many partitions the topic has, as the broker tells. */
    int partitionCount() {
        if (consumer == null) {
            consumer = consumers.apply(sessionTimeout);
            consumer.subscribe(List.of(topic), this);
        }
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
    }

    /** Asks the group to assign again (after this instance was fenced on a partition it believed it held). */
    void reassign() {
        if (consumer != null) {
            consumer.enforceRebalance("the relay was fenced on a partition");
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        consumer.pause(partitions); // membership only: nothing is read
        Set<Integer> gained = numbers(partitions);
        held.addAll(gained);
        if (!gained.isEmpty()) {
            log.info("relay: publishing partitions {} of {} now (all held: {})", gained, topic, held);
            changes.gained(gained);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        gone(partitions, true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        gone(partitions, false);
    }

    private void gone(Collection<TopicPartition> partitions, boolean cleanly) {
        Set<Integer> gone = numbers(partitions);
        held.removeAll(gone);
        if (!gone.isEmpty()) {
            log.info(
                    "relay: partitions {} of {} {} (still held: {})",
                    gone,
                    topic,
                    cleanly ? "handed over" : "lost",
                    held);
            changes.gone(gone, cleanly);
        }
    }

    private Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.stream().filter(p -> p.topic().equals(topic)).forEach(p -> numbers.add(p.partition()));
        return numbers;
    }

    private void closeConsumer() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("closing the relay's group consumer: {}", e.toString());
            }
            consumer = null;
        }
    }

    /** Leaves the group (the others take this instance's partitions at once) within two seconds, broker or not. */
    @Override
    public void close() {
        closeConsumer();
        if (!held.isEmpty()) {
            changes.gone(Set.copyOf(held), true);
            held.clear();
        }
    }
}
