package org.budgetledger.ledger.posting;

import java.util.Arrays;
import org.apache.kafka.clients.admin.NewTopic;
import org.budgetledger.kit.security.SecurityProperties;
import org.budgetledger.ledger.config.LedgerKafkaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The Kafka topics postings arrive on, and who may post as what on each: the ingestion's own configuration. */
@Configuration
public class KafkaIngestConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaIngestConfig.class);

    /** The topics ingested, each with the source systems it may post as (LEDGER_KAFKA_CHANNELS). */
    @Bean
    KafkaChannels kafkaChannels(LedgerKafkaProperties topics, SecurityProperties security) {
        KafkaChannels channels =
                KafkaChannels.of(topics.channels(), topics.postingsTopic(), security.posterSourceSystems());
        channels.sourcesByTopic().forEach((topic, sources) -> {
            if (sources.isEmpty()) {
                log.warn(
                        "Kafka channel {} may post as no source system: every record on it is parked as forbidden.source_system "
                                + "(set LEDGER_KAFKA_CHANNELS or LEDGER_POSTER_SOURCE_SYSTEMS)",
                        topic);
            }
        });
        return channels;
    }

    @Bean
    KafkaAdmin.NewTopics postingsTopics(KafkaChannels channels, LedgerKafkaProperties topics) {
        return new KafkaAdmin.NewTopics(Arrays.stream(channels.topics())
                .map(topic ->
                        TopicBuilder.name(topic).partitions(topics.partitions()).build())
                .toArray(NewTopic[]::new));
    }
}
