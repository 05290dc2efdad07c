package org.budgetledger.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/** Kafka clients authenticate, or the service says why it will not start. */
class KafkaCredentialsTest {

    @Test
    void saslIsTheDefaultAndNeedsAUserAndAPassword() {
        assertThatThrownBy(() -> new KafkaClientSecurity(new KafkaCredentials(null, null, null, null, false)))
                .hasMessageContaining(
                        "KAFKA_USERNAME and KAFKA_PASSWORD are required with KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT");
    }

    @Test
    void plaintextOnlyWhenSaidAloud() {
        assertThatThrownBy(() -> new KafkaClientSecurity(new KafkaCredentials("PLAINTEXT", null, null, null, false)))
                .hasMessageContaining("KAFKA_ALLOW_UNAUTHENTICATED=true");
        KafkaProperties kafka = new KafkaProperties();
        new KafkaClientSecurity(new KafkaCredentials("plaintext", null, null, null, true))
                .postProcessBeforeInitialization(kafka, "kafka");
        assertThat(kafka.buildConsumerProperties(null))
                .containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void unknownProtocolsAndMechanismsAreNamed() {
        assertThat(new KafkaCredentials("SASL_SSL", "PLAIN", "u", "p", false).problems())
                .singleElement()
                .asString()
                .contains("KAFKA_SASL_MECHANISM is PLAIN");
        assertThat(new KafkaCredentials("TLS", null, "u", "p", false).problems())
                .singleElement()
                .asString()
                .contains("KAFKA_SECURITY_PROTOCOL is TLS");
    }

    @Test
    void everyClientAuthenticatesAsTheServicesPrincipalAndThePasswordIsNeverShown() {
        KafkaProperties kafka = new KafkaProperties();
        KafkaCredentials credentials = new KafkaCredentials(null, null, "ledger-service", "se\"cr\\et", false);
        new KafkaClientSecurity(credentials).postProcessBeforeInitialization(kafka, "kafka");
        for (var properties : java.util.List.of(
                kafka.buildConsumerProperties(null),
                kafka.buildProducerProperties(null),
                kafka.buildAdminProperties(null))) {
            assertThat(properties)
                    .containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry(
                            "sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                    + "username=\"ledger-service\" password=\"se\\\"cr\\\\et\";");
        }
        assertThat(credentials.toString()).contains("ledger-service").doesNotContain("cr");
    }
}
