package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Two writers on one ledger never lose an update or overspend: two ledger-service instances on one store, eight
 * threads posting expenditures to the same ledger near its limit. Exactly what was available is spent, every
 * recorded posting is counted, and every other one is refused for insufficient funds.
 */
class ConcurrentWritersTest extends IntegrationTest {

    @Value("${spring.data.mongodb.uri}")
    String mongoUri;

    @Value("${spring.kafka.consumer.group-id}")
    String group;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @Test
    void twoInstancesAndEightThreadsNeverOverspendNorLoseAPosting() throws Exception {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(put("/api/v1/units/RACE/years/2019", profile).getStatusCode().value())
                .isEqualTo(201);
        assertThat(post("/api/v1/postings", posting("RACE-A", "APPROPRIATION", "1000.00"))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.uri=" + mongoUri,
                        "--spring.kafka.bootstrap-servers=" + kafka,
                        "--budgetledger.kafka.security-protocol=PLAINTEXT",
                        "--budgetledger.kafka.allow-unauthenticated=true",
                        "--ledger.kafka.postings-topic=" + postingsTopic,
                        "--ledger.kafka.dlq-topic=" + dlqTopic,
                        "--ledger.kafka.events-topic=" + eventsTopic,
                        "--spring.kafka.consumer.group-id=" + group,
                        "--ledger.instance-id=second",
                        "--budgetledger.security.api-keys[0].key=" + ALL_ROLES_KEY,
                        "--budgetledger.security.api-keys[0].roles=POSTER,AUDITOR,VIEWER,ADMIN",
                        "--budgetledger.security.api-keys[0].source-systems=*")) {
            int secondPort =
                    ((WebServerApplicationContext) second).getWebServer().getPort();
            List<RestClient> instances = List.of(
                    RestClient.builder()
                            .baseUrl(http.getRootUri())
                            .defaultHeader("X-API-Key", ALL_ROLES_KEY)
                            .build(),
                    RestClient.builder()
                            .baseUrl("http://127.0.0.1:" + secondPort)
                            .defaultHeader("X-API-Key", ALL_ROLES_KEY)
                            .build());

            int threads = 8;
            int perThread = 50;
            ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RestClient client = instances.get(t % 2);
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int status = client.post()
                                .uri("/api/v1/postings")
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(posting("RACE-E-" + thread + "-" + i, "EXPENDITURE", "3.00"))
                                .exchange((req, res) -> res.getStatusCode().value());
                        statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            assertThat(statuses.keySet()).as("only 201 and 422: %s", statuses).containsOnly(201, 422);
            assertThat(statuses.get(201).get()).isEqualTo(333); // 333 × 3.00 = 999.00 ≤ 1000.00 < 334 × 3.00
            JsonNode state = ledger("RACE", 2019);
            assertThat(state.get("postings").asInt()).isEqualTo(1 + 333);
            assertThat(new BigDecimal(
                            state.get("available").get("GENERAL_BUDGET").asText()))
                    .isEqualByComparingTo("1.00");
            assertThat(state.get("nextSequence").asLong()).isEqualTo(1 + 1 + 333);

            // whichever instance wrote an event, ledger.events carries it once in order (one relay leads)
            List<Long> firstSeen = new ArrayList<>();
            for (var record : readTopic(eventsTopic, 335, java.time.Duration.ofSeconds(60))) {
                long seq = read(record.value()).get("sequence").asLong();
                if (!firstSeen.contains(seq)) {
                    firstSeen.add(seq);
                }
            }
            assertThat(firstSeen).hasSize(335);
            assertThat(firstSeen).isSorted();
        }
    }

    private static String posting(String id, String type, String amount) {
        ObjectNode p = JSON.createObjectNode()
                .put("postingId", id)
                .put("sourceSystem", "race")
                .put("unitCode", "RACE")
                .put("fiscalYear", 2019)
                .put("type", type)
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", "2013701")
                .put("amount", amount)
                .put("occurredOn", "2019-03-01");
        if (type.equals("EXPENDITURE")) {
            p.put("economicCode", "30201").put("expenditureKind", "BASIC");
        }
        return p.toString();
    }
}
