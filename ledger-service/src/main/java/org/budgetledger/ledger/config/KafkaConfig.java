package org.budgetledger.ledger.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.budgetledger.ledger.relay.EventRelay;
import org.budgetledger.ledger.relay.StoredEvents;
import org.budgetledger.ledger.relay.StreamRegistry;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.kafka.config.TopicBuilder;

import java.util.Map;

@Configuration
@EnableConfigurationProperties(LedgerKafkaProperties.class)
public class KafkaConfig {

    @Bean
    NewTopic postingsTopic(LedgerKafkaProperties topics) {
        return TopicBuilder.name(topics.postingsTopic()).partitions(topics.partitions()).build();
    }

    @Bean
    NewTopic dlqTopic(LedgerKafkaProperties topics) {
        return TopicBuilder.name(topics.dlqTopic()).partitions(topics.partitions()).build();
    }

    @Bean
    NewTopic eventsTopic(LedgerKafkaProperties topics) {
        return TopicBuilder.name(topics.eventsTopic()).partitions(topics.partitions()).build();
    }

    /** Static membership: a restarted instance gets its partitions back without a rebalance wait. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer staticMembership(InstanceIdentity instance) {
        return factory -> factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance.id(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000));
    }

    /**
     * The relay's own producer: idempotent, acknowledged by all in-sync replicas, at most 5 requests in flight, so
     * that a retried send can neither duplicate nor reorder a stream's events within a partition.
     */
    @Bean
    EventRelay eventRelay(EventStore eventStore, StoredEvents stored, StreamRegistry registry, MongoDatabaseFactory databases,
                          KafkaProperties kafka, LedgerKafkaProperties topics, MeterRegistry meters,
                          InstanceIdentity instance) {
        Map<String, Object> config = kafka.buildProducerProperties(null);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ledger-relay");
        java.util.function.Supplier<Producer<String, String>> producers =
                () -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        return new EventRelay(eventStore, stored, registry, databases, producers, topics.eventsTopic(), topics.relaySweep(),
                instance.id(), meters);
    }
}
