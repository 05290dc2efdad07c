package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.call;
import static org.budgetledger.system.TwoServices.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store that loses what it had acknowledged (a crash of a store that is not durable, a restore from an older
 * backup): the ledger's last events vanish from its event store while the ledger-service holds them in its cache and
 * the projection has published their figures. Nothing may go on quietly. The ledger-service notices before the next
 * posting builds on events the store no longer has, says so and reloads; the projection notices the different event
 * at a place it had applied, says so and applies the ledger again from its store. Both health endpoints and the
 * metrics show it; the figures end equal to the store's history.
 */
class DivergenceTest {

    private static final String UNIT = "LOSS";
    private static final int YEAR = 2019;
    private static TwoServices services;

    @BeforeAll
    static void start() throws Exception {
        services = TwoServices.start("divergence");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (services != null) {
            services.stop();
        }
    }

    @Test
    void aStoreThatLostAcknowledgedEventsIsNoticedSaidAndRepairedOnBothSides() throws Exception {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(call("PUT", services.ledger.url("/api/v1/units/" + UNIT + "/years/" + YEAR), profile.toString())
                        .statusCode())
                .isEqualTo(201);
        post("LOSS-A", "APPROPRIATION", "1000.00", 201);
        for (int i = 1; i <= 8; i++) {
            post("LOSS-E" + i, "EXPENDITURE", i + ".00", 201); // events 2..9
        }
        services.awaitPosition(UNIT, YEAR, 10);

        loseEventsFrom(
                6); // E5..E8 are gone from the store: the ledger-service's cache and the projection still have them

        post("LOSS-N1", "EXPENDITURE", "100.00", 201); // the ledger notices first: its cache ends at 9, the store at 5
        post("LOSS-E6", "EXPENDITURE", "6.00", 201); // lost, sent again: recorded anew, not a duplicate
        JsonNode state =
                json(call("GET", services.ledger.url("/api/v1/units/" + UNIT + "/years/" + YEAR + "/ledger"), null));
        assertThat(state.get("nextSequence").asLong()).as(state.toString()).isEqualTo(8);
        assertThat(state.get("postings").asLong()).isEqualTo(1 + 4 + 2);

        JsonNode repaired = awaitRepaired(8);
        assertThat(repaired.get("cells"))
                .as("the figures of the store's history, as a rebuild from it gives them")
                .isEqualTo(rebuiltCells());
        assertThat(call("GET", services.projection.url("/api/v1/postings/treasury-payments/LOSS-E8"), null)
                        .statusCode())
                .as("a lost posting is no longer published")
                .isEqualTo(404);
        assertThat(call("GET", services.projection.url("/api/v1/postings/treasury-payments/LOSS-N1"), null)
                        .statusCode())
                .isEqualTo(200);

        for (ServiceProcess service : new ServiceProcess[] {services.ledger, services.projection}) {
            JsonNode health = json(call("GET", service.url("/actuator/health"), null));
            assertThat(health.get("status").asText())
                    .as(service + ": " + health)
                    .isEqualTo("DIVERGED");
            JsonNode divergences = health.get("components").get("divergences").get("details");
            assertThat(divergences.get("divergences").asLong()).isPositive();
            assertThat(divergences.get("recent").get(0).get("ledger").asText()).isEqualTo(UNIT + ":" + YEAR);
            assertThat(call("GET", service.url("/actuator/prometheus"), null).body())
                    .contains("budgetledger_divergences_total");
        }
        JsonNode ledgerSide = json(call("GET", services.ledger.url("/actuator/health"), null))
                .get("components")
                .get("divergences")
                .get("details")
                .get("recent")
                .get(0);
        assertThat(ledgerSide.get("sequence").asLong()).as("the cached head").isEqualTo(9);
        assertThat(ledgerSide.get("store").asText()).contains("ends at sequence 5");
    }

    /** What a store that lost its last acknowledged writes looks like: the events, and the relay's cursor with them. */
    private static void loseEventsFrom(long sequence) {
        try (MongoClient client = MongoClients.create(services.ledgerStore)) {
            MongoDatabase db = client.getDatabase(new ConnectionString(services.ledgerStore).getDatabase());
            long deleted = db.getCollection("domainevents")
                    .deleteMany(new Document("aggregateIdentifier", UNIT + ":" + YEAR)
                            .append("sequenceNumber", new Document("$gte", sequence)))
                    .getDeletedCount();
            assertThat(deleted).isEqualTo(4);
            db.getCollection("streams")
                    .updateOne(
                            new Document("_id", UNIT + ":" + YEAR),
                            new Document("$set", new Document("published", sequence - 1)));
        }
    }

    private static void post(String id, String type, String amount, int status) {
        ObjectNode p = TwoServices.JSON
                .createObjectNode()
                .put("postingId", id)
                .put("sourceSystem", "treasury-payments")
                .put("unitCode", UNIT)
                .put("fiscalYear", YEAR)
                .put("type", type)
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", "2013701")
                .put("amount", amount)
                .put("occurredOn", "2019-03-01");
        if (type.equals("EXPENDITURE")) {
            p.put("economicCode", "30201").put("expenditureKind", "BASIC");
        }
        var r = call("POST", services.ledger.url("/api/v1/postings"), p.toString());
        assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(status);
    }

    /** The cells once the projection stands at the ledger's position and has applied the ledger again (a new epoch). */
    private static JsonNode awaitRepaired(long events) throws Exception {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        JsonNode cells = null;
        while (System.nanoTime() < end) {
            cells = services.awaitPosition(UNIT, YEAR, events);
            JsonNode trail =
                    json(call("GET", services.projection.url("/api/v1/postings/treasury-payments/LOSS-N1"), null));
            if (cells.get("position").asLong() == events && trail.has("status")) {
                return cells;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not repaired: " + cells);
    }

    private static JsonNode rebuiltCells() throws Exception {
        assertThat(call("POST", services.projection.url("/api/v1/admin/rebuild"), "")
                        .statusCode())
                .isEqualTo(202);
        long end = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        JsonNode status = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null));
        while (status.get("running").asBoolean() && System.nanoTime() < end) {
            Thread.sleep(200);
            status = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null));
        }
        assertThat(status.get("phase").asText()).as(status.toString()).isEqualTo("done");
        Thread.sleep(1_200); // every instance reads the live generation again within a second
        return json(call(
                        "GET", services.projection.url("/api/v1/final-accounts/" + UNIT + "/" + YEAR + "/cells"), null))
                .get("cells");
    }
}
