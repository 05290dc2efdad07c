package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A publication is an event of the unit's ledger: in its hash chain, allowed after the close, and refused field by
 * field when it names positions the ledger does not hold or a digest that is not one; only an ADMIN records one.
 */
class PublicationTest extends IntegrationTest {

    private static final String DIGEST = "88cdd02f245227bcb8e55ad319704b91c726110f6e72a4e119a0df3ae9305cee";

    @Test
    void aPublicationIsAnEventOfTheChainAndIsAllowedAfterTheClose() {
        register("PUB1");
        post("/api/v1/postings", appropriation("PUB1", "A-1", "100.00"));
        post("/api/v1/units/PUB1/years/2019/close", "");
        ResponseEntity<String> created = publish("PUB1", "{\"PUB1:2019\": 2}", DIGEST, "公开");
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode answer = read(created.getBody());
        assertThat(answer.get("id").asText()).startsWith("pub-");
        assertThat(answer.get("sequence").asLong()).isEqualTo(3);

        JsonNode verified = getJson("/api/v1/ledgers/PUB1/2019/verify");
        assertThat(verified.get("intact").asBoolean()).isTrue();
        assertThat(verified.get("events").asLong()).isEqualTo(4);
        String last = http.getForObject("/api/v1/ledgers/PUB1/2019/events", String.class)
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(read(last).get("type").asText()).isEqualTo("PublicationRecorded");
        assertThat(read(last).get("payload").get("digest").asText()).isEqualTo(DIGEST);
        assertThat(read(last).get("payload").get("note").asText()).isEqualTo("公开");
    }

    @Test
    void aPublicationIsRefusedFieldByField() {
        register("PUB2");
        assertRefused(publish("PUB2", "{\"PUB2:2019\": 5}", DIGEST, null), "positions.PUB2:2019");
        assertRefused(publish("PUB2", "{\"PUB2:2019\": 1}", "not-a-digest", null), "digest");
        assertRefused(publish("PUB2", "{\"PUB2:2019\": 1, \"OTHER:2018\": 3}", DIGEST, null), "positions.OTHER:2018");
        assertRefused(publish("PUB2", "{\"PUB2:2019\": \"one\"}", DIGEST, null), "positions.PUB2:2019");
        assertRefused(publish("PUB2", "{}", DIGEST, null), "positions.PUB2:2019");
        assertRefused(publish("PUB2", "{\"PUB2:2019\": 1}", DIGEST, "x".repeat(2_001)), "note");
        assertThat(publish("NOPE", "{\"NOPE:2019\": 0}", DIGEST, null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void onlyAnAdminRecordsAPublication() {
        register("PUB3");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-API-Key", "viewer-key-for-the-tests-only");
        ResponseEntity<String> refused = http.exchange(
                "/api/v1/units/PUB3/years/2019/publications",
                HttpMethod.POST,
                new HttpEntity<>(body("{\"PUB3:2019\": 1}", DIGEST, null), headers),
                String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
    }

    private ResponseEntity<String> publish(String unit, String positions, String digest, String note) {
        return post("/api/v1/units/" + unit + "/years/2019/publications", read(body(positions, digest, note)));
    }

    private static String body(String positions, String digest, String note) {
        return "{\"positions\": " + positions + ", \"digest\": \"" + digest + "\", \"cellCount\": 2"
                + (note == null ? "" : ", \"note\": \"" + note + "\"") + "}";
    }

    private static void assertRefused(ResponseEntity<String> answer, String field) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(422);
        assertThat(read(answer.getBody()).get("field").asText()).isEqualTo(field);
    }

    private void register(String unit) {
        assertThat(put(
                                "/api/v1/units/" + unit + "/years/2019",
                                Fixtures.of(Fixtures.HETANG).units().get(0).get("profile"))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
    }
}
