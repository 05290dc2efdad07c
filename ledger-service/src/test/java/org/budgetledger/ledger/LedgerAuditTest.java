package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Auditors' proof that history was not altered: the hash chain verifies, an event edited directly in the store is
 * found at that event, and a year-close digest kept outside detects even a rewritten chain.
 */
class LedgerAuditTest extends IntegrationTest {

    @Autowired
    MongoDatabaseFactory databases;

    @Test
    void theChainVerifiesAndAnEditedEventIsFoundWhereItWasEdited() throws Exception {
        register("AUD1");
        for (int i = 1; i <= 5; i++) {
            assertThat(post("/api/v1/postings", appropriation("AUD1", String.valueOf(i), i + "00.00"))
                            .getStatusCode()
                            .value())
                    .isEqualTo(201);
        }
        JsonNode verified = getJson("/api/v1/ledgers/AUD1/2019/verify");
        assertThat(verified.get("intact").asBoolean()).isTrue();
        assertThat(verified.get("events").asLong()).isEqualTo(6);
        assertThat(verified.get("head").asText())
                .isEqualTo(ledger("AUD1", 2019).get("chainHead").asText());

        String history = http.getForObject("/api/v1/ledgers/AUD1/2019/events", String.class);
        assertThat(history.lines())
                .hasSize(6)
                .allSatisfy(line -> assertThat(read(line).get("hash").asText()).hasSize(64));

        // someone with access to the store turns 300.00 into 3000.00
        MongoCollection<Document> events = databases.getMongoDatabase().getCollection("domainevents");
        Document key = new Document("aggregateIdentifier", "AUD1:2019").append("sequenceNumber", 3L);
        Document stored = events.find(key).first();
        ObjectNode payload = (ObjectNode) JSON.readTree(stored.getString("serializedPayload"));
        ((ObjectNode) payload.get("posting")).put("amount", "3000.00");
        events.updateOne(
                key, new Document("$set", new Document("serializedPayload", JSON.writeValueAsString(payload))));

        JsonNode broken = getJson("/api/v1/ledgers/AUD1/2019/verify");
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("firstBreak").get("sequence").asLong()).isEqualTo(3);
        assertThat(broken.get("firstBreak").get("reason").asText()).contains("altered");
    }

    @Test
    void aKeptCloseDigestDetectsALaterRewriteOfTheWholeChain() throws Exception {
        register("AUD2");
        for (int i = 1; i <= 3; i++) {
            post("/api/v1/postings", appropriation("AUD2", String.valueOf(i), "100.00"));
        }
        String digest = read(post("/api/v1/units/AUD2/years/2019/close", "").getBody())
                .get("digest")
                .asText();
        JsonNode kept = getJson("/api/v1/ledgers/AUD2/2019/verify?digest=" + digest);
        assertThat(kept.get("digest").get("matches").asBoolean()).isTrue();
        assertThat(kept.get("digest").get("sequence").asLong()).isEqualTo(4);

        // a careful forger edits event 2 and recomputes every hash after it, so the chain is whole again
        MongoCollection<Document> events = databases.getMongoDatabase().getCollection("domainevents");
        String previous = null;
        for (long seq = 0; seq <= 4; seq++) {
            Document key = new Document("aggregateIdentifier", "AUD2:2019").append("sequenceNumber", seq);
            Document stored = events.find(key).first();
            ObjectNode meta = (ObjectNode) JSON.readTree(stored.getString("serializedMetaData"));
            JsonNode payload = JSON.readTree(stored.getString("serializedPayload"));
            if (seq == 2) {
                ((ObjectNode) payload.get("posting")).put("amount", "1.00");
            }
            if (previous == null) {
                previous = meta.get(EventChain.PREVIOUS).asText();
            }
            String type = stored.getString("payloadType")
                    .substring(stored.getString("payloadType").lastIndexOf('.') + 1);
            String hash = EventChain.link(previous, seq, type, payload);
            meta.put(EventChain.PREVIOUS, previous).put(EventChain.HASH, hash);
            events.updateOne(
                    key,
                    new Document(
                            "$set",
                            new Document("serializedPayload", JSON.writeValueAsString(payload))
                                    .append("serializedMetaData", JSON.writeValueAsString(meta))));
            previous = hash;
        }
        JsonNode rewritten = getJson("/api/v1/ledgers/AUD2/2019/verify?digest=" + digest);
        assertThat(rewritten.get("intact").asBoolean())
                .as("the forged chain is consistent in itself")
                .isTrue();
        assertThat(rewritten.get("digest").get("matches").asBoolean())
                .as("but the kept digest is no longer in it")
                .isFalse();
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
