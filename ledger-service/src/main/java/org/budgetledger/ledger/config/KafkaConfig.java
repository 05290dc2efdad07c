package org.budgetledger.ledger.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.budgetledger.ledger.relay.AlignedAssignor;
import org.budgetledger.ledger.relay.EventRelay;
import org.budgetledger.ledger.relay.PartitionPublisher;
import org.budgetledger.ledger.relay.RelayHints;
import org.budgetledger.ledger.relay.StoredEvents;
import org.budgetledger.ledger.relay.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration
@EnableConfigurationProperties(LedgerKafkaProperties.class)
public class KafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    @Bean
    NewTopic dlqTopic(LedgerKafkaProperties topics) {
        // kept for good: the DLQ is the record of what was refused, listed and re-driven (docs/OPERATIONS.md)
        return TopicBuilder.name(topics.dlqTopic())
                .partitions(topics.partitions())
                .config(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    @Bean
    NewTopic eventsTopic(LedgerKafkaProperties topics) {
        return TopicBuilder.name(topics.eventsTopic())
                .partitions(topics.partitions())
                .build();
    }

    /**
     * Static membership: a restarted instance gets its partitions back without a rebalance wait. The postings group
     * assigns partitions as the relay's group does ({@link AlignedAssignor}), so an instance publishes the events of
     * the units it ingests; Kafka's range assignor is listed after it so that a group still holding instances of an
     * older version keeps assigning while they are replaced.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer staticMembership(InstanceIdentity instance) {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                instance.id(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                15_000,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                AlignedAssignor.class.getName() + "," + RangeAssignor.class.getName() + ","
                        + CooperativeStickyAssignor.class.getName(),
                AlignedAssignor.INSTANCE_CONFIG,
                instance.id()));
    }

    /**
     * The relay: a member of the relay group (its consumer reads nothing; the assignment is the point), and per
     * partition it publishes a transactional producer whose id is the partition's, so that a new publisher fences the
     * one before it. Idempotent and acknowledged by all in-sync replicas, so that a retried send can neither duplicate
     * nor reorder a stream's events.
     */
    @Bean
    EventRelay eventRelay(
            EventStore eventStore,
            StoredEvents stored,
            StreamRegistry registry,
            RelayHints hints,
            KafkaProperties kafka,
            LedgerKafkaProperties topics,
            MeterRegistry meters,
            InstanceIdentity instance) {
        String topic = topics.eventsTopic();
        Function<Duration, Consumer<byte[], byte[]>> groupConsumers = session -> {
            Map<String, Object> config = kafka.buildConsumerProperties(null);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.relayGroup());
            config.remove(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG); // a dead instance's share moves once its session expires
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session.toMillis());
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(100, session.toMillis() / 6));
            // aligned with the postings group; cooperative-sticky while instances of an older version remain
            config.put(
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    AlignedAssignor.class.getName() + "," + CooperativeStickyAssignor.class.getName());
            config.put(AlignedAssignor.INSTANCE_CONFIG, instance.id());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            // a round of the relay's thread (a take-over's catch-up) may take a while between two polls
            config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-relay-group-" + instance.id());
            return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        };
        IntFunction<Producer<String, String>> partitionProducers = partition -> {
            Map<String, Object> config = kafka.buildProducerProperties(null);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, PartitionPublisher.transactionalId(topic, partition));
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16 * 1024 * 1024);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            // a transaction is one batch already read from the store: short; an open one holds back every reader
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
            // taking a partition over, or a send, without a broker gives up within this (a stop stays prompt)
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "ledger-relay-" + partition + "-" + instance.id());
            return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        };
        return new EventRelay(
                new EventRelay.Stores(eventStore, stored, registry, hints),
                new EventRelay.Kafka(groupConsumers, partitionProducers, topic, topics.relaySessionTimeout()),
                new EventRelay.Timing(topics.relaySweep(), topics.relayProbe()),
                meters);
    }
}
