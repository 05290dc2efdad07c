package org.budgetledger.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One fixture, two worlds (docs/STACK.md#two-worlds). Once per test JVM: real MongoDB and Kafka containers when a
 * Docker engine answers, else the MongoDB-compatible server and an in-process KRaft broker. Either way tests reach them over the
 * network, exactly as the services do. Force a world with -Dtestkit.infra=containers|inprocess, or use running
 * servers with -Dtestkit.mongo.uri=mongodb://… and -Dtestkit.kafka.bootstrap=host:port.
 * <p>
 * Servers are never stopped from a shutdown hook: Spring closes cached contexts in its own hook, and stopping the
 * servers concurrently makes Axon and Kafka clients log spurious errors. The JVM's exit ends them.
 */
public final class TestInfra {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Boolean containers;
    private static String mongoUri;
    private static String kafkaBootstrap;

    private TestInfra() {}

    public static synchronized boolean useContainers() {
        if (containers == null) {
            containers = switch (System.getProperty("testkit.infra", "auto")) {
                case "containers" -> true;
                case "inprocess" -> false;
                default -> DockerClientFactory.instance().isDockerAvailable();
            };
            System.out.println("[testkit] containers=" + containers);
        }
        return containers;
    }

    /** The server's address without a database: append one per test context. */
    public static synchronized String mongoServer() {
        if (mongoUri == null) {
            mongoUri = System.getProperty("testkit.mongo.uri");
        }
        if (mongoUri == null) {
            if (useContainers()) {
                MongoDBContainer mongo = new MongoDBContainer("mongo:7.0");
                mongo.start();
                mongoUri = mongo.getReplicaSetUrl().replaceAll("/[^/?]*(\\?.*)?$", "");
            } else {
                MongoServer server = new MongoServer(new MemoryBackend());
                mongoUri = server.bindAndGetConnectionString();
            }
            mongoUri = mongoUri.replaceAll("/+$", "");
            System.out.println("[testkit] mongo " + mongoUri);
        }
        return mongoUri;
    }

    /** A URI with a fresh database, so that test contexts sharing the server never see each other's data. */
    public static String freshMongoDatabase(String prefix) {
        return mongoServer() + "/" + prefix + "_" + DATABASES.incrementAndGet() + "_" + System.nanoTime() % 100_000;
    }

    public static synchronized String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            kafkaBootstrap = System.getProperty("testkit.kafka.bootstrap");
        }
        if (kafkaBootstrap == null) {
            if (useContainers()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka-native:3.9.1");
                kafka.start();
                kafkaBootstrap = kafka.getBootstrapServers();
            } else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
                broker.brokerProperty("auto.create.topics.enable", "true");
                broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
                broker.brokerProperty("transaction.state.log.replication.factor", "1");
                broker.brokerProperty("transaction.state.log.min.isr", "1");
                broker.brokerProperty("group.min.session.timeout.ms", "1000");
                broker.afterPropertiesSet();
                kafkaBootstrap = broker.getBrokersAsString();
            }
            System.out.println("[testkit] kafka " + kafkaBootstrap);
        }
        return kafkaBootstrap;
    }

    /** Registers a fresh database and the shared broker for a Spring test context. */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        String uri = freshMongoDatabase(databasePrefix);
        registry.add("spring.data.mongodb.uri", () -> uri);
        registry.add("spring.kafka.bootstrap-servers", TestInfra::kafkaBootstrap);
        // the test brokers run without authentication; the local stack's runs with it (LocalStackTest)
        registry.add("budgetledger.kafka.security-protocol", () -> "PLAINTEXT");
        registry.add("budgetledger.kafka.allow-unauthenticated", () -> "true");
    }

    /** The environment of a service process started against the test broker (unauthenticated, as said). */
    public static java.util.Map<String, String> unauthenticatedKafka() {
        return java.util.Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafkaBootstrap(),
                "KAFKA_SECURITY_PROTOCOL",
                "PLAINTEXT",
                "KAFKA_ALLOW_UNAUTHENTICATED",
                "true");
    }
}
