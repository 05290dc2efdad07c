package org.budgetledger.projection;

import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration
class ProjectionConfig {

    /** Declared here too, with the ledger's partition count, so that the order the services start in does not matter. */
    @Bean
    NewTopic eventsTopic(
            @Value("${projection.events-topic}") String topic,
            @Value("${projection.events-partitions:6}") int partitions) {
        return TopicBuilder.name(topic).partitions(partitions).build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
