package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.JSON;
import static org.budgetledger.system.TwoServices.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.testkit.Fixtures;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whoever can write to ledger.events cannot put figures in the disclosure: a record that does not parse, names no
 * event type we know, or whose hash does not recompute from its content is quarantined with its reason (visible to
 * auditors and counted), never applied, never stalls its partition; the event at its place comes from the ledger.
 */
class QuarantineTest {

    private static final String UNIT = "QUAR";
    private static final int YEAR = 2019;
    private static final String LEDGER = UNIT + ":" + YEAR;
    private static TwoServices services;

    @BeforeAll
    static void start() throws Exception {
        services = TwoServices.start("quarantine");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (services != null) {
            services.stop();
        }
    }

    @Test
    void recordsThatAreNotTheLedgersAreQuarantinedAndTheFiguresStayTheLedgers() throws Exception {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(call("PUT", services.ledger.url("/api/v1/units/" + UNIT + "/years/" + YEAR), profile.toString())
                        .statusCode())
                .isEqualTo(201);
        post("Q-1", "APPROPRIATION", "1000.00");
        services.awaitPosition(UNIT, YEAR, 2);

        // an intruder's records: garbage, an unknown type, and the appropriation again as the next event, its amount
        // raised
        JsonNode real = JSON.readTree(
                        call("GET", services.ledger.url("/api/v1/streams/" + LEDGER + "/events?from=1&limit=1"), null)
                                .body())
                .get(0);
        ObjectNode forged = real.deepCopy();
        forged.put("sequence", 2).put("previousHash", real.get("hash").asText()).put("eventId", "forged-2");
        ((ObjectNode) forged.at("/payload/posting")).put("amount", "900000.00").put("postingId", "Q-FORGED");
        ObjectNode unknown = real.deepCopy();
        unknown.put("type", "MoneyPrinted").put("sequence", 2);
        // far ahead, its hash recomputed as an intruder can: nothing at that place in the event store, so not the
        // ledger's
        ObjectNode ahead = real.deepCopy();
        ahead.put("sequence", 1_000).put("eventId", "forged-1000");
        ((ObjectNode) ahead.at("/payload/posting")).put("postingId", "Q-AHEAD");
        ahead.put(
                "hash",
                EventChain.link(
                        ahead.get("previousHash").asText(),
                        1_000,
                        ahead.get("type").asText(),
                        ahead.get("payload")));
        // a ledger's event on a catalogue's stream
        ObjectNode misplaced = real.deepCopy();
        misplaced.put("stream", "catalogue:functional:" + YEAR);
        try (KafkaProducer<String, String> intruder = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap()),
                new StringSerializer(),
                new StringSerializer())) {
            for (String value : List.of("{not json", unknown.toString(), forged.toString(), ahead.toString())) {
                intruder.send(new ProducerRecord<>(services.eventsTopic, LEDGER, value))
                        .get();
            }
            intruder.send(new ProducerRecord<>(
                            services.eventsTopic, misplaced.get("stream").asText(), misplaced.toString()))
                    .get();
        }
        post("Q-2", "EXPENDITURE", "10.00"); // the real event 2, after the forged one on the same partition
        JsonNode cells = services.awaitPosition(UNIT, YEAR, 3);

        JsonNode trail =
                JSON.readTree(call("GET", services.projection.url("/api/v1/postings/treasury-payments/Q-FORGED"), null)
                        .body());
        assertThat(trail.path("error").asText())
                .as("the forged posting is not published: %s", trail)
                .isEqualTo("not_found");
        assertThat(call("GET", services.projection.url("/api/v1/postings/treasury-payments/Q-AHEAD"), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(cells.toString()).doesNotContain("90.00").as("no figure of the forged amount (90 万元)");

        JsonNode quarantined = JSON.readTree(
                call("GET", services.projection.url("/api/v1/quarantine"), null).body());
        List<String> reasons = new ArrayList<>();
        quarantined.get("records").forEach(r -> reasons.add(r.get("reason").asText()));
        assertThat(reasons)
                .containsExactlyInAnyOrder(
                        "unreadable", "unknown_type", "hash.mismatch", "not_in_event_store", "type.not_of_stream");
        assertThat(quarantined.get("count").asLong()).isEqualTo(5);
        assertThat(call("GET", services.projection.url("/actuator/prometheus"), null)
                        .body())
                .containsPattern("projection_events_quarantined_total\\{[^}]*reason=\"hash.mismatch\"[^}]*} 1.0")
                .containsPattern("projection_events_quarantined_total\\{[^}]*reason=\"unreadable\"[^}]*} 1.0");
    }

    private static void post(String id, String type, String amount) {
        String posting = "{\"postingId\":\"" + id + "\",\"sourceSystem\":\"treasury-payments\",\"unitCode\":\"" + UNIT
                + "\",\"fiscalYear\":" + YEAR
                + ",\"type\":\"" + type + "\",\"fundSource\":\"GENERAL_BUDGET\",\"functionalCode\":\"2013701\""
                + (type.equals("EXPENDITURE") ? ",\"economicCode\":\"30201\",\"expenditureKind\":\"BASIC\"" : "")
                + ",\"amount\":\"" + amount + "\",\"occurredOn\":\"" + YEAR + "-03-01\"}";
        assertThat(call("POST", services.ledger.url("/api/v1/postings"), posting)
                        .statusCode())
                .as(posting)
                .isEqualTo(201);
    }
}
