package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Issue 19's done-when for parked postings, through a real broker: a payment sent before its appropriation is held and
 * recorded once the appropriation arrives, without anyone re-driving it; a posting parked for a code the catalogue
 * lacks is listed with its reason and origin, and recorded once the catalogue has the code and the record is re-driven;
 * re-driven again, it is a DUPLICATE.
 */
class ParkedRedriveTest extends IntegrationTest {

    @Test
    void aPaymentBeforeItsAppropriationIsHeldThenRecorded() throws Exception {
        String unit = "HOLD-1";
        put(
                "/api/v1/units/" + unit + "/years/2019",
                Fixtures.of(Fixtures.HETANG).units().get(0).get("profile"));
        ObjectNode payment = expenditure(unit, "PAY-1", "300.00");
        ObjectNode appropriation = appropriation(unit, "APP-1", "1000.00");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(postingsTopic, unit, payment.toString()))
                    .get();
            Thread.sleep(1_000); // the appropriation follows the payment by a second
            producer.send(new ProducerRecord<>(postingsTopic, unit, appropriation.toString()))
                    .get();
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() ->
                        assertThat(ledger(unit, 2019).get("postings").asInt()).isEqualTo(2));
        assertThat(parkedOf(unit).get("count").asInt()).as("nothing parked").isZero();
    }

    @Test
    void aPaymentWhoseFundsNeverComeIsParkedOnceTheWindowHasPassed() throws Exception {
        String unit = "HOLD-2";
        put(
                "/api/v1/units/" + unit + "/years/2019",
                Fixtures.of(Fixtures.HETANG).units().get(0).get("profile"));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(
                            postingsTopic,
                            unit,
                            expenditure(unit, "PAY-9", "300.00").toString()))
                    .get();
        }
        JsonNode listed = await().atMost(Duration.ofSeconds(60)) // held for the tests' 4 s window, then parked
                .pollInterval(Duration.ofMillis(500))
                .until(() -> parkedOf(unit), body -> body.get("count").asInt() == 1);
        assertThat(listed.at("/parked/0/reason").asText()).isEqualTo("availability.insufficient");
        assertThat(listed.get("held").asLong()).isZero();
        assertThat(ledger(unit, 2019).get("postings").asInt()).isZero();
    }

    @Test
    void aPostingParkedForAnUnknownCodeIsRecordedOnceTheCatalogueHasItAndItIsReDriven() throws Exception {
        String unit = "PARK-1";
        put(
                "/api/v1/units/" + unit + "/years/2019",
                Fixtures.of(Fixtures.HETANG).units().get(0).get("profile"));
        ObjectNode posting = appropriation(unit, "NEW-CODE", "500.00");
        posting.put("functionalCode", "2980101");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(postingsTopic, unit, posting.toString()))
                    .get();
        }
        JsonNode listed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> parkedOf(unit), body -> body.get("count").asInt() == 1);
        JsonNode parked = listed.get("parked").get(0);
        assertThat(parked.get("reason").asText()).isEqualTo("functionalCode.unknown");
        assertThat(parked.get("originalTopic").asText()).isEqualTo(postingsTopic);
        assertThat(parked.get("originalOffset").isNumber()).isTrue();
        assertThat(parked.get("postingId").asText())
                .isEqualTo(posting.get("postingId").asText());

        String id = parked.get("id").asText();
        JsonNode stillUnknown = redrive(Map.of("ids", List.of(id)));
        assertThat(stillUnknown.at("/results/0/status").asText()).isEqualTo("REJECTED");
        assertThat(stillUnknown.at("/results/0/error").asText()).isEqualTo("functionalCode.unknown");

        put(
                "/api/v1/catalogues/2019/functional",
                Map.of(
                        "codes",
                        List.of(
                                Map.of("code", "298", "name", "试点支出"),
                                Map.of("code", "29801", "name", "试点事务"),
                                Map.of("code", "2980101", "name", "试点"))));
        assertThat(redrive(Map.of("ids", List.of(id))).at("/results/0/status").asText())
                .isEqualTo("RECORDED");
        assertThat(ledger(unit, 2019).get("postings").asInt()).isEqualTo(1);
        assertThat(redrive(Map.of("reason", "functionalCode.unknown"))
                        .at("/counts/RECORDED")
                        .isMissingNode())
                .as("re-driven again: nothing recorded twice")
                .isTrue();
        assertThat(redrive(Map.of("ids", List.of(id))).at("/results/0/status").asText())
                .isEqualTo("DUPLICATE");
        assertThat(post("/api/v1/admin/parked/redrive", Map.of("ids", List.of("9-99999")))
                        .getStatusCode()
                        .value())
                .isEqualTo(422);
    }

    private JsonNode parkedOf(String unit) {
        return getJson("/api/v1/admin/parked?unit=" + unit);
    }

    private JsonNode redrive(Map<String, Object> body) {
        ResponseEntity<String> answer = post("/api/v1/admin/parked/redrive", body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return read(answer.getBody());
    }
}
