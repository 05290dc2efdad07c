package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.bson.Document;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.test.context.TestPropertySource;

/**
 * Snapshots taken from the ledger in hand (every 5 events here): stored at the version the command committed, and a
 * ledger loaded from one (its cache emptied) decides exactly as the one that was cached: duplicates, balances, order.
 */
@TestPropertySource(properties = "ledger.axon.snapshot-every=5")
class SnapshotTest extends IntegrationTest {

    private static final String UNIT = "SNAP1";

    @Autowired
    Cache ledgerCache;

    @Autowired
    MongoDatabaseFactory databases;

    @Test
    void aLedgerLoadedFromItsSnapshotDecidesAsTheCachedOneDid() {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        put("/api/v1/units/" + UNIT + "/years/2019", profile);
        for (int i = 1; i <= 12; i++) {
            assertThat(post("/api/v1/postings", appropriation("A-" + i, "10.00"))
                            .getStatusCode()
                            .value())
                    .isEqualTo(201);
        }
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            batch.add(expenditure("E-" + i, "10.00"));
        }
        JsonNode answers = read(post("/api/v1/postings/batch", batch).getBody()).get("results");
        long last = answers.get(answers.size() - 1).get("sequence").asLong();

        MongoCollection<Document> snapshots = databases.getMongoDatabase().getCollection("snapshotevents");
        Document filter = new Document("aggregateIdentifier", UNIT + ":2019");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document latest = snapshots
                    .find(filter)
                    .sort(new Document("sequenceNumber", -1))
                    .first();
            return latest != null && latest.get("sequenceNumber", Number.class).longValue() == last;
        });
        JsonNode cached = ledger(UNIT, 2019);

        ledgerCache.removeAll();
        assertThat(ledger(UNIT, 2019)).isEqualTo(cached);
        assertThat(post("/api/v1/postings", appropriation("A-3", "10.00"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(post("/api/v1/postings", appropriation("A-3", "11.00"))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
        assertThat(post("/api/v1/postings", expenditure("E-10", "30.01"))
                        .getStatusCode()
                        .value())
                .isEqualTo(422); // 30.00 left
        JsonNode recorded =
                read(post("/api/v1/postings", expenditure("E-11", "30.00")).getBody());
        assertThat(recorded.get("status").asText()).isEqualTo("RECORDED");
        assertThat(recorded.get("sequence").asLong()).isEqualTo(last + 1);
    }

    /**
     * A snapshot written by a build where the aggregate lived in another package (or any other class) is skipped:
     * the ledger replays its events instead of taking the foreign payload for an event and hiding those before it.
     */
    @Test
    void aSnapshotOfAnotherClassIsSkippedAndTheLedgerReplays() {
        String unit = "SNAP2";
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        put("/api/v1/units/" + unit + "/years/2019", profile);
        for (int i = 1; i <= 6; i++) {
            post("/api/v1/postings", appropriation(unit, "A-" + i, "10.00"));
        }
        MongoCollection<Document> snapshots = databases.getMongoDatabase().getCollection("snapshotevents");
        Document filter = new Document("aggregateIdentifier", unit + ":2019");
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshots.countDocuments(filter) > 0);
        JsonNode cached = ledger(unit, 2019);
        snapshots.updateMany(
                filter,
                new Document("$set", new Document("payloadType", "org.budgetledger.ledger.posting.domain.Ledger")));

        ledgerCache.removeAll();
        assertThat(ledger(unit, 2019)).isEqualTo(cached);
        assertThat(post("/api/v1/postings", appropriation(unit, "A-1", "10.00"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    private static ObjectNode appropriation(String id, String amount) {
        return appropriation(UNIT, id, amount);
    }

    private static ObjectNode expenditure(String id, String amount) {
        return expenditure(UNIT, id, amount);
    }
}
