package org.budgetledger.ledger.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Topics of the contract (configurable) and how the relay shares and checks its work.
 *
 * @param relaySweep          how often the relay reads what other instances wrote to its partitions (their hints)
 * @param relayProbe          how often the relay probes every stream of its partitions for unpublished events
 * @param relayGroup          the consumer group whose assignment divides ledger.events among the instances
 * @param relaySessionTimeout how long a dead instance holds its partitions before the others take them over
 * @param channels            LEDGER_KAFKA_CHANNELS: the topics ingested and the source systems each may post as
 *                            (KafkaChannels)
 * @param holdWindow          LEDGER_HOLD_WINDOW: how long an expenditure refused only for want of funds is held and
 *                            retried before it is parked (0: parked at once)
 * @param holdRetry           LEDGER_HOLD_RETRY: how often held postings are tried again
 */
@ConfigurationProperties("ledger.kafka")
public record LedgerKafkaProperties(
        String postingsTopic,
        String dlqTopic,
        String eventsTopic,
        int partitions,
        Duration relaySweep,
        Duration relayProbe,
        String relayGroup,
        Duration relaySessionTimeout,
        boolean ingestEnabled,
        String channels,
        Duration holdWindow,
        Duration holdRetry) {
    public LedgerKafkaProperties {
        postingsTopic = postingsTopic == null ? "ledger.postings" : postingsTopic;
        dlqTopic = dlqTopic == null ? "ledger.postings.dlq" : dlqTopic;
        eventsTopic = eventsTopic == null ? "ledger.events" : eventsTopic;
        partitions = partitions <= 0 ? 6 : partitions;
        relaySweep = relaySweep == null ? Duration.ofMillis(200) : relaySweep;
        relayProbe = relayProbe == null ? Duration.ofSeconds(30) : relayProbe;
        relayGroup = relayGroup == null || relayGroup.isBlank() ? eventsTopic + ".relay" : relayGroup;
        relaySessionTimeout = relaySessionTimeout == null ? Duration.ofSeconds(3) : relaySessionTimeout;
        holdWindow = holdWindow == null || holdWindow.isNegative() ? Duration.ofMinutes(10) : holdWindow;
        holdRetry =
                holdRetry == null || holdRetry.isNegative() || holdRetry.isZero() ? Duration.ofSeconds(2) : holdRetry;
    }
}
