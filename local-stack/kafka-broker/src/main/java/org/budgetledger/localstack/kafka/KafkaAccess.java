package org.budgetledger.localstack.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the local stack's broker, applied by {@code bin/ledger-local start} after the broker listens, on
 * every start (so a LEDGER_HOME from before authentication, or a changed password, is brought in line). It connects
 * as the broker's own super user (SASL PLAIN, a static user of the broker's configuration) and upserts:
 * <ul>
 *   <li>a SCRAM-SHA-512 credential for each principal: ledger-service, projection-service and poster (the payment
 *       system of the local stack);</li>
 *   <li>their ACLs: the ledger alone writes ledger.events and the DLQ and reads the postings channel; the projection
 *       reads ledger.events; the poster writes the postings channel and nothing else. Anything not granted is denied
 *       (the broker runs with allow.everyone.if.no.acl.found=false).</li>
 * </ul>
 * Passwords come from the environment (credentials.env), never from the command line, which other users can read.
 */
public final class KafkaAccess {

    static final String LEDGER = "ledger-service";
    static final String PROJECTION = "projection-service";
    static final String POSTER = "poster";
    private static final int ITERATIONS = 8192;

    private KafkaAccess() {}

    /** args: bootstrap postingsTopic dlqTopic eventsTopic */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: KafkaAccess <bootstrap> <postings topic> <dlq topic> <events topic>");
        }
        Topics topics = new Topics(args[1], args[2], args[3]);
        Map<String, String> passwords = Map.of(
                LEDGER,
                env("LEDGER_KAFKA_LEDGER_PASSWORD"),
                PROJECTION,
                env("LEDGER_KAFKA_PROJECTION_PASSWORD"),
                POSTER,
                env("LEDGER_KAFKA_POSTER_PASSWORD"));
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                args[0],
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG,
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\""
                        + env("LEDGER_KAFKA_BROKER_PASSWORD") + "\";",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000))) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            passwords.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(
                    user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)));
            admin.alterUserScramCredentials(List.copyOf(users)).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(acls(topics)).all().get(60, TimeUnit.SECONDS);
        }
        System.out.println("Kafka principals "
                + String.join(", ", passwords.keySet().stream().sorted().toList())
                + " with SCRAM-SHA-512 credentials and their ACLs");
    }

    record Topics(String postings, String dlq, String events) {}

    static List<AclBinding> acls(Topics topics) {
        List<AclBinding> acls = new ArrayList<>();
        allow(acls, LEDGER, topic(topics.postings()), AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE);
        allow(acls, LEDGER, topic(topics.dlq()), AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE);
        // the relay's group consumer reads ledger.events for its assignment; it alone writes there
        allow(
                acls,
                LEDGER,
                topic(topics.events()),
                AclOperation.WRITE,
                AclOperation.READ,
                AclOperation.DESCRIBE,
                AclOperation.CREATE);
        allow(acls, LEDGER, prefixed(ResourceType.GROUP, "ledger"), AclOperation.READ, AclOperation.DESCRIBE);
        allow(
                acls,
                LEDGER,
                prefixed(ResourceType.TRANSACTIONAL_ID, topics.events() + ".relay."),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        allow(
                acls,
                LEDGER,
                new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                AclOperation.IDEMPOTENT_WRITE);

        // the projection declares ledger.events too, so that the services may start in any order
        allow(acls, PROJECTION, topic(topics.events()), AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE);
        allow(acls, PROJECTION, prefixed(ResourceType.GROUP, "projection"), AclOperation.READ, AclOperation.DESCRIBE);

        allow(acls, POSTER, topic(topics.postings()), AclOperation.WRITE, AclOperation.DESCRIBE);
        return acls;
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String prefix) {
        return new ResourcePattern(type, prefix, PatternType.PREFIXED);
    }

    private static void allow(
            List<AclBinding> acls, String user, ResourcePattern resource, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(
                    resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank() || value.contains("\"") || value.contains("\\")) {
            throw new IllegalStateException(name + " is not set (credentials.env), or holds a quote or backslash");
        }
        return value;
    }
}
