package org.budgetledger.ledger.relay;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Publishes one partition of ledger.events, fenced: its transactional id belongs to the partition, not to the
 * instance, so the instance that takes the partition over starts by fencing the one before it. From then on Kafka
 * refuses every write of the deposed publisher, even one that was paused through the hand-over and never heard of it;
 * a batch it had begun is aborted and never reaches a reader (the readers read committed records only).
 */
public final class PartitionPublisher implements AutoCloseable {

    /** Kafka refused this publisher: another one holds the partition now. */
    static final class Fenced extends RuntimeException {
        Fenced(int partition, Throwable cause) {
            super("partition " + partition + " is published by another instance now", cause);
        }
    }

    private final Producer<String, String> producer;
    private final String topic;
    private final int partition;

    /** Takes the partition over: blocks until every earlier publisher of it is fenced and its open batch aborted. */
    PartitionPublisher(Producer<String, String> producer, String topic, int partition) {
        this.producer = producer;
        this.topic = topic;
        this.partition = partition;
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    public static String transactionalId(String topic, int partition) {
        return topic + ".relay." + partition;
    }

    int partition() {
        return partition;
    }

    /** Sends the records (key: the stream) as one transaction; returns once Kafka has committed it. */
    void publish(List<ProducerRecord<String, String>> records) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(topic, partition, r.key(), r.value()));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw new Fenced(partition, e);
        } catch (KafkaException e) {
            // an abortable error (InvalidProducerEpochException after a transaction timed out, a send that failed):
            // aborted here; the caller starts the partition afresh
            abortQuietly();
            throw e;
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // a producer that cannot abort is replaced: closing it aborts on the broker's side
        }
    }

    /**
     * Closes at once: every batch this publisher sent was committed before {@link #publish} returned, so nothing is
     * pending but, at most, a transaction Kafka aborts anyway (and the next publisher's fencing would abort it too).
     */
    @Override
    public void close() {
        producer.close(Duration.ZERO);
    }
}
