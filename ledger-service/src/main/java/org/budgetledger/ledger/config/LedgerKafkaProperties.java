package org.budgetledger.ledger.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Topics of the contract (configurable) and how the relay sweeps the store for unpublished events. */
@ConfigurationProperties("ledger.kafka")
public record LedgerKafkaProperties(String postingsTopic, String dlqTopic, String eventsTopic, int partitions,
                                    Duration relaySweep, boolean ingestEnabled) {
    public LedgerKafkaProperties {
        postingsTopic = postingsTopic == null ? "ledger.postings" : postingsTopic;
        dlqTopic = dlqTopic == null ? "ledger.postings.dlq" : dlqTopic;
        eventsTopic = eventsTopic == null ? "ledger.events" : eventsTopic;
        partitions = partitions <= 0 ? 6 : partitions;
        relaySweep = relaySweep == null ? Duration.ofSeconds(2) : relaySweep;
    }
}
