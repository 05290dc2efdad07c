package org.budgetledger.kit.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/**
 * Puts the service's broker credentials into Spring's Kafka properties before any client is built from them, so that
 * every producer, consumer and admin client (the relay's own ones too, built from the same properties) authenticates
 * alike. A configuration that would connect unauthenticated without saying so, or without its credentials, stops
 * the start with every problem named.
 */
public final class KafkaClientSecurity implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(KafkaClientSecurity.class);
    private final KafkaCredentials credentials;

    public KafkaClientSecurity(KafkaCredentials credentials) {
        var problems = credentials.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "refusing to start with an unsafe Kafka configuration: " + String.join("; ", problems));
        }
        this.credentials = credentials;
        if (!credentials.sasl() && !credentials.securityProtocol().equals("SSL")) {
            log.warn(
                    "Kafka without authentication (KAFKA_ALLOW_UNAUTHENTICATED=true): anyone who reaches the broker can post as any "
                            + "source system and write ledger.events");
        }
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof KafkaProperties kafka) {
            kafka.getProperties().putAll(credentials.clientSettings());
            log.info("Kafka clients connect with {}", credentials);
        }
        return bean;
    }
}
