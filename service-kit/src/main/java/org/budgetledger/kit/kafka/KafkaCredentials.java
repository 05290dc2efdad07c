package org.budgetledger.kit.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service authenticates to the broker (README, "Kafka security"). The broker's ACLs then decide what its
 * principal may read and write: only the ledger's principal may write ledger.events, only a payment system's
 * principal its postings channel.
 *
 * @param securityProtocol     KAFKA_SECURITY_PROTOCOL: SASL_PLAINTEXT (default; the local stack's loopback broker),
 *                             SASL_SSL (a broker across a network), SSL (mutual TLS, configured with spring.kafka.ssl.*)
 *                             or PLAINTEXT (no authentication: only with allowUnauthenticated)
 * @param saslMechanism        KAFKA_SASL_MECHANISM: SCRAM-SHA-512 (default) or SCRAM-SHA-256
 * @param username             KAFKA_USERNAME: this service's principal
 * @param password             KAFKA_PASSWORD
 * @param allowUnauthenticated KAFKA_ALLOW_UNAUTHENTICATED: accept a PLAINTEXT broker, and with it that anyone who
 *                             reaches the broker can post as any source system and write ledger.events
 */
@ConfigurationProperties("budgetledger.kafka")
public record KafkaCredentials(
        String securityProtocol, String saslMechanism, String username, String password, boolean allowUnauthenticated) {

    private static final Set<String> PROTOCOLS = Set.of("SASL_PLAINTEXT", "SASL_SSL", "SSL", "PLAINTEXT");
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256");

    public KafkaCredentials {
        securityProtocol = blank(securityProtocol)
                ? "SASL_PLAINTEXT"
                : securityProtocol.trim().toUpperCase(Locale.ROOT);
        saslMechanism =
                blank(saslMechanism) ? "SCRAM-SHA-512" : saslMechanism.trim().toUpperCase(Locale.ROOT);
    }

    boolean sasl() {
        return securityProtocol.startsWith("SASL_");
    }

    /** Every problem of this configuration, each naming its setting; empty when the service may start. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!PROTOCOLS.contains(securityProtocol)) {
            problems.add("KAFKA_SECURITY_PROTOCOL is " + securityProtocol + "; one of "
                    + String.join(", ", PROTOCOLS.stream().sorted().toList()));
        } else if (securityProtocol.equals("PLAINTEXT") && !allowUnauthenticated) {
            problems.add(
                    "KAFKA_SECURITY_PROTOCOL=PLAINTEXT connects without authentication, so anyone who reaches the broker can "
                            + "post as any source system and write ledger.events; use SASL_PLAINTEXT or SASL_SSL with KAFKA_USERNAME and "
                            + "KAFKA_PASSWORD, or set KAFKA_ALLOW_UNAUTHENTICATED=true to accept that");
        }
        if (sasl()) {
            if (!MECHANISMS.contains(saslMechanism)) {
                problems.add("KAFKA_SASL_MECHANISM is " + saslMechanism + "; one of SCRAM-SHA-256, SCRAM-SHA-512");
            }
            if (blank(username) || blank(password)) {
                problems.add("KAFKA_USERNAME and KAFKA_PASSWORD are required with KAFKA_SECURITY_PROTOCOL="
                        + securityProtocol);
            }
        }
        return problems;
    }

    /** The client settings that authenticate as this principal, added to every producer, consumer and admin client. */
    Map<String, String> clientSettings() {
        if (!sasl()) {
            return Map.of("security.protocol", securityProtocol);
        }
        return Map.of(
                "security.protocol",
                securityProtocol,
                "sasl.mechanism",
                saslMechanism,
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quoted(username)
                        + "\" password=\"" + quoted(password) + "\";");
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() { // never the password, in a log or an actuator's answer
        return "KafkaCredentials[" + securityProtocol + (sasl() ? " " + saslMechanism + " as " + username : "") + "]";
    }
}
