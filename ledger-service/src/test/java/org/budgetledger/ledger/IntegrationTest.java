package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.budgetledger.testkit.Fixtures;
import org.budgetledger.testkit.TestInfra;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ledger service on real parts: a fresh database on the MongoDB-compatible server (or MongoDB) and topics of
 * its own on a real Kafka broker, both over the network (TestInfra). Each test class gets its own context (its own
 * database and topics): the fixtures post the same postings, which must not meet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class IntegrationTest {

    protected static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    protected TestRestTemplate http;

    @Value("${ledger.kafka.postings-topic}")
    protected String postingsTopic;

    @Value("${ledger.kafka.dlq-topic}")
    protected String dlqTopic;

    @Value("${ledger.kafka.events-topic}")
    protected String eventsTopic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "ledger");
        String run = UUID.randomUUID().toString().substring(0, 8);
        registry.add("ledger.kafka.postings-topic", () -> "ledger.postings." + run);
        registry.add("ledger.kafka.dlq-topic", () -> "ledger.postings.dlq." + run);
        registry.add("ledger.kafka.events-topic", () -> "ledger.events." + run);
        registry.add("ledger.kafka.partitions", () -> "3");
        // the contract's topic for any source system but the ledger's own, and a channel bound to one source system
        registry.add(
                "ledger.kafka.channels",
                () -> "ledger.postings." + run + "=*;ledger.postings." + run + PAYROLL_CHANNEL + "=payroll");
        registry.add("spring.kafka.consumer.group-id", () -> "ledger-" + run);
        registry.add("ledger.kafka.relay-sweep", () -> "300ms");
        registry.add("ledger.catalogue.refresh", () -> "1s");
        // expenditures short of funds are held briefly, so that the tests see them recorded, or parked, soon
        registry.add("ledger.kafka.hold-window", () -> "4s");
        registry.add("ledger.kafka.hold-retry", () -> "500ms");
        // one key with every role for the tests; AccessControlTest checks the roles one by one
        registry.add("budgetledger.security.api-keys[0].key", () -> ALL_ROLES_KEY);
        registry.add("budgetledger.security.api-keys[0].roles", () -> "POSTER,AUDITOR,VIEWER,ADMIN");
        registry.add("budgetledger.security.api-keys[0].source-systems", () -> "*");
        registry.add("budgetledger.security.admin-key", () -> "admin-key-for-the-tests-only");
        registry.add("budgetledger.security.poster-key", () -> "poster-key-for-the-tests-only");
        registry.add("budgetledger.security.poster-source-systems", () -> "treasury-payments,demo");
        registry.add("budgetledger.security.auditor-key", () -> "auditor-key-for-the-tests-only");
        registry.add("budgetledger.security.viewer-key", () -> "viewer-key-for-the-tests-only");
    }

    /** The suffix of the test channel (on the postings topic's name) that may post as {@code payroll} only. */
    protected static final String PAYROLL_CHANNEL = ".payroll";

    protected static final String ALL_ROLES_KEY = "test-all-roles-key-for-the-tests";

    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        var interceptors = http.getRestTemplate().getInterceptors();
        if (interceptors.stream().noneMatch(i -> i instanceof AllRoles)) {
            interceptors.add(new AllRoles());
        }
    }

    /** Sends the all-roles key unless a test set its own. */
    private static final class AllRoles implements org.springframework.http.client.ClientHttpRequestInterceptor {
        @Override
        public org.springframework.http.client.ClientHttpResponse intercept(
                org.springframework.http.HttpRequest request,
                byte[] body,
                org.springframework.http.client.ClientHttpRequestExecution execution)
                throws java.io.IOException {
            if (!request.getHeaders().containsKey("X-API-Key")
                    && !request.getHeaders().containsKey("Authorization")) {
                request.getHeaders().set("X-API-Key", ALL_ROLES_KEY);
            }
            return execution.execute(request, body);
        }
    }

    protected ResponseEntity<String> send(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String text = body instanceof String s ? s : write(body);
        return http.exchange(path, method, new HttpEntity<>(text, headers), String.class);
    }

    protected ResponseEntity<String> post(String path, Object body) {
        return send(HttpMethod.POST, path, body);
    }

    protected ResponseEntity<String> put(String path, Object body) {
        return send(HttpMethod.PUT, path, body);
    }

    protected JsonNode getJson(String path) {
        ResponseEntity<String> r = http.getForEntity(path, String.class);
        assertThat(r.getStatusCode().value())
                .as("GET %s: %s", path, r.getBody())
                .isEqualTo(200);
        return read(r.getBody());
    }

    /** Registers a fixture's units (parents first) and uploads its catalogue additions. */
    protected void registerUnits(Fixtures fixture) {
        fixture.catalogue().ifPresent(catalogue -> {
            int year = fixture.units().get(0).get("fiscalYear").asInt();
            for (String kind : List.of("functional", "economic")) {
                ResponseEntity<String> r =
                        put("/api/v1/catalogues/" + year + "/" + kind, Map.of("codes", catalogue.get(kind)));
                assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
            }
        });
        for (JsonNode unit : fixture.units()) {
            ResponseEntity<String> r = put(
                    "/api/v1/units/" + unit.get("unitCode").asText() + "/years/"
                            + unit.get("fiscalYear").asInt(),
                    unit.get("profile"));
            assertThat(r.getStatusCode().value()).as(r.getBody()).isIn(200, 201);
        }
    }

    /** A valid APPROPRIATION to the unit's 2019 ledger, its id prefixed with the unit. */
    protected static com.fasterxml.jackson.databind.node.ObjectNode appropriation(
            String unit, String id, String amount) {
        return JSON.createObjectNode()
                .put("postingId", unit + "-" + id)
                .put("sourceSystem", "api-test")
                .put("unitCode", unit)
                .put("fiscalYear", 2019)
                .put("type", "APPROPRIATION")
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", "2013701")
                .put("amount", amount)
                .put("occurredOn", "2019-04-01");
    }

    /** A valid basic EXPENDITURE (30201) of the unit's 2019 ledger, its id prefixed with the unit. */
    protected static com.fasterxml.jackson.databind.node.ObjectNode expenditure(String unit, String id, String amount) {
        return appropriation(unit, id, amount)
                .put("type", "EXPENDITURE")
                .put("economicCode", "30201")
                .put("expenditureKind", "BASIC");
    }

    /** A producer to the test broker, as a payment system would write to the postings topics. */
    protected static org.apache.kafka.clients.producer.KafkaProducer<String, String> producer() {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap());
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        return new org.apache.kafka.clients.producer.KafkaProducer<>(
                p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer());
    }

    protected JsonNode ledger(String unitCode, int year) {
        return getJson("/api/v1/units/" + unitCode + "/years/" + year + "/ledger");
    }

    protected static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    protected static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static KafkaConsumer<String, String> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Reads a topic from the start until {@code enough} records arrived or the deadline passed. */
    protected static List<ConsumerRecord<String, String>> readTopic(String topic, int enough, Duration deadline) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            while (records.size() < enough && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
