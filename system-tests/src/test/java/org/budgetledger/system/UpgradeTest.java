package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.call;
import static org.budgetledger.system.TwoServices.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A version upgrade on the running services: the ledger's database as release 0.1 left it after its demo (every event
 * in revision 1 of the event format, whose recording names no actor) is restored, and this version starts on it
 * (DemoDepartment). Its events read as today's through the upcasters, on both services: the figures are those the
 * fixtures expect, every chain verifies over the events as stored, the ledger decides on the old history (a resent
 * posting is DUPLICATE, a new one RECORDED), and the trail says who recorded what.
 */
class UpgradeTest {

    private static TwoServices services;

    @BeforeAll
    static void start() throws Exception {
        services = DemoDepartment.services();
    }

    @Test
    void aHistoryWrittenByRelease01YieldsTheFiguresItDidAndTheLedgerGoesOnFromIt() throws Exception {
        Fixtures hetang = Fixtures.of(Fixtures.HETANG);
        JsonNode cells = services.awaitPosition("HT-CAC", 2019, 148);
        assertThat(sorted(cells.get("cells")))
                .isEqualTo(sorted(hetang.expectedCells().get("cells")));
        Fixtures demo = Fixtures.of(Fixtures.DEMO_WLJ);
        demo.expectedCellsByUnit().orElseThrow().fields().forEachRemaining(unit -> {
            if (unit.getKey().equals("DEMO-WLJ-WHG")) {
                return; // ScopedKeysTest posts there, on the same services
            }
            JsonNode self = json(call(
                    "GET",
                    services.projection.url("/api/v1/final-accounts/" + unit.getKey() + "/2020/cells?scope=self"),
                    null));
            assertThat(sorted(self.get("cells")))
                    .as(unit.getKey())
                    .isEqualTo(sorted(unit.getValue().get("self")));
        });

        for (String ledger : new String[] {"HT-CAC/2019", "DEMO-WLJ/2020", "DEMO-WLJ-ZFDD/2020"}) {
            JsonNode verified = json(call("GET", services.ledger.url("/api/v1/ledgers/" + ledger + "/verify"), null));
            assertThat(verified.get("intact").asBoolean())
                    .as(ledger + ": " + verified)
                    .isTrue();
        }
        String first = call("GET", services.ledger.url("/api/v1/ledgers/HT-CAC/2019/events"), null)
                .body()
                .lines()
                .findFirst()
                .orElseThrow();
        assertThat(first).as("kept as release 0.1 wrote it").doesNotContain("\"actor\"");

        JsonNode resent = json(call(
                "POST",
                services.ledger.url("/api/v1/postings"),
                hetang.postings().get(0).toString()));
        assertThat(resent.get("status").asText()).isEqualTo("DUPLICATE");

        JsonNode old = json(
                call("GET", services.projection.url("/api/v1/postings/treasury-payments/DEMO-WLJ-2020-00001"), null));
        assertThat(old.get("event").get("actor").asText()).isEqualTo("unrecorded");
        String posting =
                "{\"postingId\":\"UPGRADE-1\",\"sourceSystem\":\"upgrade-test\",\"unitCode\":\"DEMO-WLJ-ZFDD\","
                        + "\"fiscalYear\":2020,\"type\":\"APPROPRIATION\",\"fundSource\":\"GENERAL_BUDGET\","
                        + "\"functionalCode\":\"2070109\",\"amount\":\"2.00\",\"occurredOn\":\"2020-04-01\"}";
        HttpResponse<String> recorded = call("POST", services.ledger.url("/api/v1/postings"), posting);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        JsonNode verified = json(call("GET", services.ledger.url("/api/v1/ledgers/DEMO-WLJ-ZFDD/2020/verify"), null));
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        JsonNode trail = awaitTrail("upgrade-test", "UPGRADE-1");
        assertThat(trail.get("event").get("actor").asText()).startsWith("api-key:");
    }

    private static JsonNode awaitTrail(String sourceSystem, String postingId) throws InterruptedException {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r;
        do {
            r = call("GET", services.projection.url("/api/v1/postings/" + sourceSystem + "/" + postingId), null);
            if (r.statusCode() == 200) {
                return json(r);
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        throw new AssertionError("no trail of " + postingId + ": " + r.statusCode() + " " + r.body());
    }

    private static Map<String, String> sorted(JsonNode cells) {
        Map<String, String> map = new TreeMap<>();
        cells.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
