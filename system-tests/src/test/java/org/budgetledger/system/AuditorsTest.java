package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.call;
import static org.budgetledger.system.TwoServices.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Done-when of the auditors' issue on the running services: a rebuild yields byte for byte the live cells, an asOf
 * between two postings shows the state before the second, and a posting's trail shows what it touched.
 */
class AuditorsTest {

    private static TwoServices services;

    @BeforeAll
    static void start() throws Exception {
        services = DemoDepartment.services();
    }

    @Test
    void aRebuildYieldsByteForByteTheLiveCells() throws Exception {
        String live = cells("DEMO-WLJ", "");
        String liveSelf = cells("DEMO-WLJ-WHG", "?scope=self");
        int before = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null))
                .get("liveGeneration")
                .asInt();
        JsonNode started = json(call("POST", services.projection.url("/api/v1/admin/rebuild"), ""));
        assertThat(started.get("running").asBoolean()).isTrue();
        JsonNode status = started;
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (status.get("running").asBoolean() && System.nanoTime() < end) {
            assertThat(cells("DEMO-WLJ", ""))
                    .as("queries answer from the live projections meanwhile")
                    .isEqualTo(live);
            Thread.sleep(200);
            status = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null));
        }
        assertThat(status.get("phase").asText()).as(status.toString()).isEqualTo("done");
        assertThat(status.get("generation").asInt()).isEqualTo(before + 1);
        assertThat(status.get("eventsDone").asLong()).isPositive();
        Thread.sleep(1_200); // every instance reads the live generation again within a second
        assertThat(cells("DEMO-WLJ", "")).isEqualTo(live);
        assertThat(cells("DEMO-WLJ-WHG", "?scope=self")).isEqualTo(liveSelf);
        assertThat(json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null))
                        .get("liveGeneration")
                        .asInt())
                .isEqualTo(before + 1);
        String metrics = call("GET", services.projection.url("/actuator/prometheus"), null)
                .body();
        assertThat(metrics).contains("projection_rebuild_events_done", "projection_events_applied_total");
    }

    /** A rebuild interrupted by a crash of the projection resumes when it starts again, and ends with the same cells. */
    @Test
    void aRebuildInterruptedByACrashResumesOnRestart() throws Exception {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(call("PUT", services.ledger.url("/api/v1/units/BULK/years/2019"), profile.toString())
                        .statusCode())
                .isEqualTo(201);
        for (int b = 0; b < 4; b++) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 1000; i++) {
                batch.append(i == 0 ? "" : ",")
                        .append(appropriation("BULK-" + b + "-" + i, "1.00")
                                .replace("\"ASOF\"", "\"BULK\"")
                                .replace("\"asof\"", "\"bulk\""));
            }
            assertThat(call(
                                    "POST",
                                    services.ledger.url("/api/v1/postings/batch"),
                                    batch.append("]").toString())
                            .statusCode())
                    .isEqualTo(200);
        }
        String live = services.awaitPosition("BULK", 2019, 4001).get("cells").toString();

        int before = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null))
                .get("liveGeneration")
                .asInt();
        JsonNode started = json(call("POST", services.projection.url("/api/v1/admin/rebuild"), ""));
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = started;
        while (status.get("running").asBoolean() && status.get("eventsDone").asLong() == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
            status = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null));
        }
        services.projection.kill(); // in the middle of the rebuild
        services.projection.start();
        services.projection.awaitHealthy(Duration.ofSeconds(120));
        end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do { // resumed on start, unless it had finished before the kill
            Thread.sleep(250);
            status = json(call("GET", services.projection.url("/api/v1/admin/rebuild"), null));
        } while ((status.get("running").asBoolean()
                        || status.get("liveGeneration").asInt() == before)
                && System.nanoTime() < end);
        assertThat(status.get("liveGeneration").asInt()).as(status.toString()).isEqualTo(before + 1);
        assertThat(status.get("phase").asText()).isIn("done", "idle");
        Thread.sleep(1_200);
        assertThat(json(call("GET", services.projection.url("/api/v1/final-accounts/BULK/2019/cells"), null))
                        .get("cells")
                        .toString())
                .isEqualTo(live);
    }

    @Test
    void asOfAnInstantShowsWhatAReaderSawThen() throws Exception {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(call("PUT", services.ledger.url("/api/v1/units/ASOF/years/2019"), profile.toString())
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("POST", services.ledger.url("/api/v1/postings"), appropriation("ASOF-1", "1000.00"))
                        .statusCode())
                .isEqualTo(201);
        services.awaitPosition("ASOF", 2019, 2);
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        assertThat(call("POST", services.ledger.url("/api/v1/postings"), appropriation("ASOF-2", "500.00"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("POST", services.ledger.url("/api/v1/postings"), reversal("ASOF-3", "ASOF-1"))
                        .statusCode())
                .isEqualTo(201);
        services.awaitPosition("ASOF", 2019, 4);

        JsonNode now = json(call("GET", services.projection.url("/api/v1/final-accounts/ASOF/2019/cells"), null));
        assertThat(now.get("cells").get("01/income.total/amount").asText()).isEqualTo("0.05");
        JsonNode then = json(
                call("GET", services.projection.url("/api/v1/final-accounts/ASOF/2019/cells?asOf=" + between), null));
        assertThat(then.get("cells").get("01/income.total/amount").asText())
                .as("before the second posting and the later reversal")
                .isEqualTo("0.10");
        assertThat(then.get("position").asLong())
                .as("as of then: the profile and the first posting, not the position now (4)")
                .isEqualTo(2);
        JsonNode auditThen = json(call(
                "GET",
                services.projection.url(
                        "/api/v1/final-accounts/ASOF/2019/cells/01/income.total/amount/audit?asOf=" + between),
                null));
        assertThat(auditThen.get("lines")).hasSize(1);

        // the posting's trail: reversed, by which posting, and what it fed
        JsonNode trail = json(call("GET", services.projection.url("/api/v1/postings/asof/ASOF-1"), null));
        assertThat(trail.get("status").asText()).isEqualTo("REVERSED");
        assertThat(trail.get("reversedBy").get("postingId").asText()).isEqualTo("ASOF-3");
        assertThat(trail.get("cells").get("01/income.total/amount").asText()).isEqualTo("1000.00");
        assertThat(trail.get("consolidatedInto").toString()).contains("ASOF");
        JsonNode reversalTrail = json(call("GET", services.projection.url("/api/v1/postings/asof/ASOF-3"), null));
        assertThat(reversalTrail.get("cells").get("01/income.total/amount").asText())
                .isEqualTo("-1000.00");
        assertThat(call("GET", services.projection.url("/api/v1/postings/asof/NOPE"), null)
                        .statusCode())
                .isEqualTo(404);

        // exports: the cells with their audit lines, the ledger's history with its hashes
        String audit = call("GET", services.projection.url("/api/v1/final-accounts/ASOF/2019/audit"), null)
                .body();
        assertThat(audit.lines())
                .anySatisfy(l -> assertThat(l).contains("\"cell\":\"01/income.total/amount\"", "\"value\":\"0.05\""));
        String history = call("GET", services.ledger.url("/api/v1/ledgers/ASOF/2019/events"), null)
                .body();
        assertThat(history.lines()).hasSize(4);
        assertThat(json(call("GET", services.ledger.url("/api/v1/ledgers/ASOF/2019/verify"), null))
                        .get("intact")
                        .asBoolean())
                .isTrue();
    }

    private static String cells(String unit, String query) {
        JsonNode body = json(
                call("GET", services.projection.url("/api/v1/final-accounts/" + unit + "/2020/cells" + query), null));
        return body.get("cells").toString();
    }

    private static String appropriation(String id, String amount) {
        return "{\"postingId\": \"" + id
                + "\", \"sourceSystem\": \"asof\", \"unitCode\": \"ASOF\", \"fiscalYear\": 2019, "
                + "\"type\": \"APPROPRIATION\", \"fundSource\": \"GENERAL_BUDGET\", \"functionalCode\": \"2013701\", "
                + "\"amount\": \"" + amount + "\", \"occurredOn\": \"2019-03-01\"}";
    }

    private static String reversal(String id, String reverses) {
        return "{\"postingId\": \"" + id
                + "\", \"sourceSystem\": \"asof\", \"unitCode\": \"ASOF\", \"fiscalYear\": 2019, "
                + "\"type\": \"REVERSAL\", \"reverses\": \"" + reverses + "\", \"reason\": \"wrong unit\"}";
    }
}
