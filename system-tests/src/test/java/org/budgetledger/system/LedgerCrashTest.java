package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.budgetledger.testkit.Fixtures;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Done-when of the ledger issue: killing ledger-service with SIGKILL in the middle of a Kafka load and starting it
 * again loses and doubles nothing, and ledger.events still carries every event of every ledger in order.
 * The service runs as its own JVM from the packaged jar; the store and the broker live in this test's JVM and
 * outlive the kills.
 */
class LedgerCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POSTINGS_PER_UNIT = 1_500;
    private static final List<String> UNITS = List.of("HT-CAC", "HT-CAC.A", "HT-CAC.B");
    private static ServiceProcess ledger;

    @AfterAll
    static void stop() throws InterruptedException {
        if (ledger != null) {
            ledger.stop();
        }
    }

    @Test
    void aKilledLedgerServiceLosesAndDoublesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String postingsTopic = "ledger.postings." + run;
        String eventsTopic = "ledger.events." + run;
        Map<String, String> env = new HashMap<>(TwoServices.KEYS);
        env.put("MONGODB_URI", TestInfra.freshMongoDatabase("crash"));
        env.putAll(TestInfra.unauthenticatedKafka());
        env.put("LEDGER_POSTINGS_TOPIC", postingsTopic);
        env.put("LEDGER_KAFKA_CHANNELS", postingsTopic + "=*");
        env.put("LEDGER_DLQ_TOPIC", "ledger.postings.dlq." + run);
        env.put("LEDGER_EVENTS_TOPIC", eventsTopic);
        env.put("LEDGER_CONSUMER_GROUP", "ledger-" + run);
        env.put("LEDGER_RELAY_SWEEP", "500ms");
        Path work = Path.of(System.getProperty("work.dir", "target/work"), run);
        ledger = new ServiceProcess("ledger-service", Path.of(System.getProperty("ledger.jar")), freePort(), env, work);
        ledger.start();
        ledger.awaitHealthy(Duration.ofSeconds(120));

        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        for (String unit : UNITS) {
            ObjectNode p = profile.deepCopy();
            if (!unit.equals("HT-CAC")) {
                p.put("parentUnitCode", "HT-CAC");
            }
            assertThat(call("PUT", "/api/v1/units/" + unit + "/years/2019", p.toString())
                            .statusCode())
                    .isIn(200, 201);
        }

        // an appropriation per unit, then expenditures drawing on it, all through Kafka
        Map<String, BigDecimal> spent = new LinkedHashMap<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        Random random = new Random(20191231);
        for (String unit : UNITS) {
            records.add(record(postingsTopic, unit, posting(unit, unit + "-A", "APPROPRIATION", "5000000.00")));
            spent.put(unit, BigDecimal.ZERO);
        }
        for (int i = 0; i < POSTINGS_PER_UNIT; i++) {
            for (String unit : UNITS) {
                String amount =
                        BigDecimal.valueOf(1 + random.nextInt(99_999), 2).toPlainString();
                spent.merge(unit, new BigDecimal(amount), BigDecimal::add);
                records.add(record(postingsTopic, unit, posting(unit, unit + "-E" + i, "EXPENDITURE", amount)));
            }
        }
        try (KafkaProducer<String, String> producer = producer()) {
            records.forEach(producer::send);
            producer.flush();
        }
        int total = records.size();

        // two SIGKILLs in the middle of the load
        for (int kill = 1; kill <= 2; kill++) {
            int threshold = total * kill / 3;
            awaitRecorded(count -> count >= threshold, Duration.ofSeconds(180));
            ledger.kill();
            ledger.start();
            ledger.awaitHealthy(Duration.ofSeconds(120));
        }
        awaitRecorded(count -> count == total, Duration.ofSeconds(240));

        // nothing lost, nothing doubled: counts and exact sums per ledger
        for (String unit : UNITS) {
            JsonNode state = ledgerState(unit);
            assertThat(state.get("postings").asInt()).as(unit).isEqualTo(1 + POSTINGS_PER_UNIT);
            BigDecimal available =
                    new BigDecimal(state.get("available").get("GENERAL_BUDGET").asText());
            assertThat(available).as(unit).isEqualByComparingTo(new BigDecimal("5000000.00").subtract(spent.get(unit)));
        }
        // and ledger.events holds every event of every ledger once, in order (a crash may repeat, never skip)
        Map<String, Long> expected = new HashMap<>();
        long events = 0;
        for (String unit : UNITS) {
            long next = ledgerState(unit).get("nextSequence").asLong();
            expected.put(unit + ":2019", next);
            events += next;
        }
        Map<String, Long> nextExpected = new HashMap<>();
        Map<String, Map<Long, String>> eventIds = new HashMap<>();
        long seen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(eventsTopic)) {
            while (seen < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode envelope = JSON.readTree(r.value());
                    long seq = envelope.get("sequence").asLong();
                    String previousId = eventIds.computeIfAbsent(r.key(), k -> new HashMap<>())
                            .putIfAbsent(seq, envelope.get("eventId").asText());
                    if (previousId != null) {
                        assertThat(envelope.get("eventId").asText())
                                .as("a repeated event is the same event")
                                .isEqualTo(previousId);
                        continue;
                    }
                    assertThat(seq)
                            .as("%s: first sight of each event in sequence order", r.key())
                            .isEqualTo(nextExpected.getOrDefault(r.key(), 0L));
                    nextExpected.put(r.key(), seq + 1);
                    seen++;
                }
            }
        }
        assertThat(nextExpected).isEqualTo(expected);
    }

    private interface Check {
        boolean ok(int count);
    }

    private void awaitRecorded(Check check, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        int count = -1;
        while (System.nanoTime() < end) {
            try {
                count = 0;
                for (String unit : UNITS) {
                    count += ledgerState(unit).get("postings").asInt();
                }
                if (check.ok(count)) {
                    return;
                }
            } catch (Exception e) {
                // the service is restarting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("recorded postings did not reach the expected count in time; last count " + count);
    }

    private JsonNode ledgerState(String unit) throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/units/" + unit + "/years/2019/ledger", null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ledger.url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", TwoServices.KEY);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String posting(String unit, String id, String type, String amount) {
        ObjectNode p = JSON.createObjectNode()
                .put("postingId", id)
                .put("sourceSystem", "treasury-payments")
                .put("unitCode", unit)
                .put("fiscalYear", 2019)
                .put("type", type)
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", "2013701")
                .put("amount", amount)
                .put("occurredOn", "2019-06-30");
        if (type.equals("EXPENDITURE")) {
            p.put("economicCode", "30201").put("expenditureKind", "BASIC");
        }
        return p.toString();
    }

    private static ProducerRecord<String, String> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key, value);
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
