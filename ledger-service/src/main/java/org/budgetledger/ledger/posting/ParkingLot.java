package org.budgetledger.ledger.posting;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.budgetledger.kit.LogSafe;
import org.budgetledger.ledger.config.LedgerKafkaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Parks a record the ledger refused in the DLQ (ledger.postings.dlq): its value (cut at {@link #PARKED_CHARS}), the
 * rule that refused it (headers error, field, message) and where it came from (original.topic, .partition, .offset),
 * so that it can be listed and re-driven (parked/ParkedRecords).
 */
@Component
public class ParkingLot {

    private static final Logger log = LoggerFactory.getLogger(ParkingLot.class);
    /** What of an oversized record the DLQ keeps; the original stays at its offset, named in the headers. */
    static final int PARKED_CHARS = 64 * 1024;

    /** The record refused: where it was read, its key and its value. */
    public record Refused(String topic, int partition, long offset, String key, String value) {

        /** Where it was read: {@code topic/partition@offset}. */
        public String where() {
            return topic + "/" + partition + "@" + offset;
        }

        /** Who sent a posting read from it: the channel, whose principal the broker's ACLs name. */
        public String actor() {
            return "kafka:" + topic;
        }

        /** The events' origin of a posting read from it (and its correlation id when the record names none). */
        public String origin() {
            return "kafka:" + where();
        }
    }

    private final KafkaTemplate<String, String> kafka;
    private final LedgerKafkaProperties topics;

    public ParkingLot(KafkaTemplate<String, String> kafka, LedgerKafkaProperties topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    public CompletableFuture<SendResult<String, String>> park(
            Refused record, String error, String field, String message) {
        String value = record.value();
        boolean truncated = value != null && value.length() > PARKED_CHARS;
        ProducerRecord<String, String> dead = new ProducerRecord<>(
                topics.dlqTopic(),
                record.key(),
                truncated
                        ? value.substring(
                                0,
                                Character.isHighSurrogate(value.charAt(PARKED_CHARS - 1))
                                        ? PARKED_CHARS - 1
                                        : PARKED_CHARS)
                        : value);
        if (truncated) {
            dead.headers().add("value.truncated", bytes(String.valueOf(value.length())));
        }
        dead.headers().add("error", bytes(error));
        dead.headers().add("message", bytes(message));
        if (field != null) {
            dead.headers().add("field", bytes(field));
        }
        dead.headers().add("original.topic", bytes(record.topic()));
        dead.headers().add("original.partition", bytes(String.valueOf(record.partition())));
        dead.headers().add("original.offset", bytes(String.valueOf(record.offset())));
        log.info(
                "parked {}/{}@{} in {}: {} {}",
                record.topic(),
                record.partition(),
                record.offset(),
                topics.dlqTopic(),
                error,
                LogSafe.of(message));
        return kafka.send(dead);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
