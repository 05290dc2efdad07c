package org.budgetledger.ledger.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration
public class KafkaIngestConfig {

    /**
     * A poll that fails (store or broker unavailable) is retried without end and without committing: a posting is
     * never dropped because the ledger was briefly away. Invalid postings never throw; they go to the DLQ.
     */
    @Bean
    DefaultErrorHandler postingsErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
