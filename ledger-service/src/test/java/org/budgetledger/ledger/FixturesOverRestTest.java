package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ResponseEntity;

/**
 * Done-when of the ledger issue: every fixture posting answers 201 in order, every probe its expected status, and
 * ledger.events carries every recorded event of every ledger in sequence order.
 */
class FixturesOverRestTest extends IntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.HETANG, Fixtures.DEMO_WLJ})
    void postingsAreRecordedProbesAnswerAsTheContractSaysAndEventsLeaveInOrder(String name) {
        Fixtures fixture = Fixtures.of(name);
        registerUnits(fixture);

        for (JsonNode posting : fixture.postings()) {
            ResponseEntity<String> r = post("/api/v1/postings", posting);
            assertThat(r.getStatusCode().value())
                    .as("%s: %s", posting.get("postingId"), r.getBody())
                    .isEqualTo(201);
            JsonNode body = read(r.getBody());
            assertThat(body.get("status").asText()).isEqualTo("RECORDED");
            assertThat(body.get("eventId").asText()).isNotBlank();
        }
        for (JsonNode probe : fixture.probes()) {
            ResponseEntity<String> r = post("/api/v1/postings", probe.get("posting"));
            List<Integer> expected = new ArrayList<>();
            probe.get("expect").forEach(e -> expected.add(e.asInt()));
            assertThat(r.getStatusCode().value())
                    .as("%s: %s", probe.get("why").asText(), r.getBody())
                    .isIn(expected);
            if (r.getStatusCode().value() == 422) {
                JsonNode body = read(r.getBody());
                assertThat(body.get("error").asText()).isNotBlank();
                assertThat(body.get("message").asText()).isNotBlank();
            }
        }

        // every ledger's events, in order, on ledger.events
        Map<String, Long> expectedEvents = new HashMap<>();
        for (JsonNode unit : fixture.units()) {
            JsonNode state =
                    ledger(unit.get("unitCode").asText(), unit.get("fiscalYear").asInt());
            expectedEvents.put(
                    state.get("ledgerId").asText(), state.get("nextSequence").asLong());
        }
        Map<String, List<Long>> sequences = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (var consumer = consumer(eventsTopic)) {
            while (System.nanoTime() < deadline
                    && !expectedEvents.entrySet().stream()
                            .allMatch(e -> new LinkedHashSet<>(sequences.getOrDefault(e.getKey(), List.of())).size()
                                    >= e.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode envelope = read(record.value());
                    assertThat(record.key()).isEqualTo(envelope.get("stream").asText());
                    sequences
                            .computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(envelope.get("sequence").asLong());
                }
            }
        }
        expectedEvents.forEach((ledger, count) -> {
            List<Long> seen = sequences.getOrDefault(ledger, List.of());
            Set<Long> distinct = new LinkedHashSet<>(seen);
            assertThat(distinct).as(ledger).hasSize(count.intValue());
            long previous = -1;
            for (long s : distinct) {
                assertThat(s).as("%s in order", ledger).isEqualTo(previous + 1);
                previous = s;
            }
        });
    }
}
