package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Done-when of the ledger issue: the fixture's postings sent through ledger.postings twice are recorded once;
 * invalid records are parked in the DLQ with the rule that refused them; nothing is dropped silently.
 */
class KafkaIngestionTest extends IntegrationTest {

    @Test
    void postingsSentTwiceAreRecordedOnceAndInvalidOnesAreParkedWithTheirReason() {
        Fixtures fixture = Fixtures.of(Fixtures.DEMO_WLJ);
        registerUnits(fixture);
        List<JsonNode> postings = fixture.postings();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int round = 0; round < 2; round++) {
                for (JsonNode p : postings) {
                    producer.send(new ProducerRecord<>(
                            postingsTopic, p.get("unitCode").asText(), p.toString()));
                }
            }
            // the probes that are invalid, conflicting or for an unregistered unit, plus garbage
            for (JsonNode probe : fixture.probes()) {
                producer.send(new ProducerRecord<>(
                        postingsTopic,
                        probe.get("posting").get("unitCode").asText(),
                        probe.get("posting").toString()));
            }
            producer.send(new ProducerRecord<>(postingsTopic, "DEMO-WLJ", "{not json"));
            // the ledger's own source system, as a topic writer might forge a carried-over balance
            JsonNode forged = ((com.fasterxml.jackson.databind.node.ObjectNode)
                            postings.get(0).deepCopy())
                    .put("sourceSystem", "year-close")
                    .put("postingId", "CLOSE-DEMO-WLJ-2019-0001");
            producer.send(
                    new ProducerRecord<>(postingsTopic, forged.get("unitCode").asText(), forged.toString()));
            producer.flush();
        }

        Map<String, Integer> perUnit = new HashMap<>();
        postings.forEach(p -> perUnit.merge(p.get("unitCode").asText(), 1, Integer::sum));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> perUnit.forEach((unit, count) -> assertThat(
                                ledger(unit, 2020).get("postings").asInt())
                        .as(unit)
                        .isEqualTo(count)));

        // 6 probes are refused (a duplicate is not: it is simply recorded already), plus the garbage and the forged
        // record
        long refusedProbes = fixture.probes().stream()
                .filter(p -> !p.get("expect").toString().contains("200"))
                .count();
        List<ConsumerRecord<String, String>> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> { // the DLQ also holds the channel test's records
                            parked.clear();
                            readTopic(dlqTopic, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                                    .filter(r -> !"CHANNEL".equals(r.key()))
                                    .forEach(parked::add);
                            assertThat(parked).hasSize((int) refusedProbes + 2);
                        });
        for (ConsumerRecord<String, String> record : parked) {
            assertThat(header(record, "error")).as(record.value()).isNotBlank();
            assertThat(header(record, "message")).as(record.value()).isNotBlank();
        }
        assertThat(parked)
                .extracting(r -> header(r, "error"))
                .contains(
                        "forbidden.source_system",
                        "malformed_json",
                        "conflict",
                        "economicCode.unknown",
                        "amount.format",
                        "amount.not_positive",
                        "functionalCode.required",
                        "availability.insufficient",
                        "unit.not_registered");

        // still exactly once after everything settled
        perUnit.forEach((unit, count) ->
                assertThat(ledger(unit, 2020).get("postings").asInt()).as(unit).isEqualTo(count));
    }

    /**
     * A channel carries only its source systems: the broker's ACL says who may write the topic, the channel as whom a
     * record on it may post. Another system's record is parked as REST would answer 403, and its id stays free.
     */
    @Test
    void aChannelPostsOnlyAsItsOwnSourceSystems() {
        String unit = "CHANNEL";
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(put("/api/v1/units/" + unit + "/years/2019", profile)
                        .getStatusCode()
                        .value())
                .isIn(200, 201);
        JsonNode foreign = appropriation(unit, "FOREIGN", "1.00").put("sourceSystem", "treasury-payments");
        JsonNode own = appropriation(unit, "OWN", "1.00").put("sourceSystem", "payroll");
        int before = ledger(unit, 2019).get("postings").asInt();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(postingsTopic + PAYROLL_CHANNEL, unit, foreign.toString()));
            producer.send(new ProducerRecord<>(postingsTopic + PAYROLL_CHANNEL, unit, own.toString()));
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() ->
                        assertThat(ledger(unit, 2019).get("postings").asInt()).isEqualTo(before + 1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> parked =
                    readTopic(dlqTopic, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                            .filter(r -> r.value().contains("CHANNEL-FOREIGN"))
                            .toList();
            assertThat(parked).hasSize(1);
            assertThat(header(parked.get(0), "error")).isEqualTo("forbidden.source_system");
            assertThat(header(parked.get(0), "field")).isEqualTo("sourceSystem");
            assertThat(header(parked.get(0), "message"))
                    .contains("treasury-payments", postingsTopic + PAYROLL_CHANNEL, "payroll");
        });
        // its id is still free for the system it named, which posts it over its own channel (here REST)
        assertThat(post("/api/v1/postings", foreign).getStatusCode().value()).isEqualTo(201);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
