package org.budgetledger.ledger.parked;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.budgetledger.ledger.config.LedgerKafkaProperties;
import org.budgetledger.ledger.posting.PostingReader;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The records parked in the DLQ (ledger.postings.dlq), read from its beginning on each request: the DLQ is the record
 * of what was refused, never rewritten; what became of a record since shows when it is re-driven (a posting recorded
 * meanwhile answers DUPLICATE). Bounded by {@link #MAX_RECORDS} records kept and {@link #READ_FOR}: an answer says
 * whether it read the whole DLQ ({@code complete}); filtered (by reason, unit), it keeps only what matches.
 */
@Component
public class ParkedRecords {

    static final int MAX_RECORDS = 50_000;
    static final Duration READ_FOR = Duration.ofSeconds(20);

    /**
     * A parked record: its id ({@code <dlq partition>-<dlq offset>}), why it was refused, where it was read first, when it
     * was parked, and the posting it carries as far as it reads.
     */
    public record Parked(
            String id,
            String reason,
            String field,
            String message,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            Instant parkedAt,
            String unitCode,
            String sourceSystem,
            String postingId,
            boolean truncated,
            String value) {}

    private final KafkaProperties kafka;
    private final LedgerKafkaProperties topics;

    public ParkedRecords(KafkaProperties kafka, LedgerKafkaProperties topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** The records read, and whether the whole DLQ was read (false: the bounds stopped it first). */
    public record Listing(List<Parked> parked, boolean complete) {}

    /** Every parked record, oldest first. */
    public Listing all() {
        return matching(p -> true);
    }

    /** The parked records {@code wanted} keeps, oldest first; only those are held in memory. */
    public Listing matching(java.util.function.Predicate<Parked> wanted) {
        Map<String, Object> config = kafka.buildConsumerProperties(null);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, never a member of a group: nothing committed
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-parked-reader");
        List<Parked> parked = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.dlqTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_FOR.toNanos();
            while (parked.size() < MAX_RECORDS && System.nanoTime() < deadline && !atEnd(consumer, end)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Parked p = parked(r);
                    if (wanted.test(p) && parked.size() < MAX_RECORDS) {
                        parked.add(p);
                    }
                }
            }
            return new Listing(parked, atEnd(consumer, end) && parked.size() < MAX_RECORDS);
        }
    }

    private static boolean atEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private Parked parked(ConsumerRecord<String, String> r) {
        JsonNode posting = PostingReader.tree(r.value());
        return new Parked(
                r.partition() + "-" + r.offset(),
                header(r, "error"),
                header(r, "field"),
                header(r, "message"),
                header(r, "original.topic"),
                number(header(r, "original.partition")) == null
                        ? null
                        : number(header(r, "original.partition")).intValue(),
                number(header(r, "original.offset")),
                Instant.ofEpochMilli(r.timestamp()),
                text(posting, "unitCode"),
                text(posting, "sourceSystem"),
                text(posting, "postingId"),
                header(r, "value.truncated") != null,
                r.value());
    }

    private static String text(JsonNode posting, String field) {
        return posting != null && posting.path(field).isTextual()
                ? posting.get(field).asText()
                : null;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
