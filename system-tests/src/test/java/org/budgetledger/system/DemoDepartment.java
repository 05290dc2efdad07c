package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.call;
import static org.budgetledger.system.TwoServices.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.budgetledger.testkit.Fixtures;

/**
 * One pair of services with the DEMO-WLJ department loaded (its catalogue, three units, every posting), shared by the
 * test classes that only read it or add to it apart, so that the suite starts the pair once for them all. Stopped
 * when the test JVM ends.
 *
 * <p>The pair is an upgraded installation: its ledger database is first restored from a backup that release 0.1 made
 * after {@code bin/ledger-local demo} ({@link #RELEASE_0_1}: HT-CAC 2019 and DEMO-WLJ 2020, every event in revision 1 of
 * the event format), and DEMO-WLJ is then loaded again by this version, where every posting must be a DUPLICATE.
 */
final class DemoDepartment {

    static final String DEPARTMENT = "DEMO-WLJ";
    static final int YEAR = 2020;
    /** The ledger database of release 0.1 after its demo: 441 events, none with a revision (UpgradeTest). */
    static final String RELEASE_0_1 = "/upgrade/release-0.1-demo.ledger.json.gz";

    private static TwoServices services;

    private DemoDepartment() {}

    static synchronized TwoServices services() throws Exception {
        if (services == null) {
            TwoServices started = TwoServices.start("demo-department", java.util.Map.of(), DemoDepartment::restore);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            load(started);
            services = started;
        }
        return services;
    }

    private static void restore(String ledgerStore) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("release-0.1", ".json.gz");
        try (var in = DemoDepartment.class.getResourceAsStream(RELEASE_0_1)) {
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        org.budgetledger.testkit.StoreBackup.restore(ledgerStore, file);
        java.nio.file.Files.delete(file);
    }

    private static void load(TwoServices services) throws Exception {
        Fixtures demo = Fixtures.of(Fixtures.DEMO_WLJ);
        demo.catalogue().ifPresent(c -> {
            for (String kind : new String[] {"functional", "economic"}) {
                call(
                        "PUT",
                        services.ledger.url("/api/v1/catalogues/" + YEAR + "/" + kind),
                        "{\"codes\":" + c.get(kind) + "}");
            }
        });
        for (JsonNode unit : demo.units()) {
            call(
                    "PUT",
                    services.ledger.url("/api/v1/units/" + unit.get("unitCode").asText() + "/years/" + YEAR),
                    unit.get("profile").toString());
        }
        ArrayNode batch = TwoServices.JSON.createArrayNode();
        demo.postings().forEach(batch::add);
        assertThat(call("POST", services.ledger.url("/api/v1/postings/batch"), batch.toString())
                        .statusCode())
                .isEqualTo(200);
        long events = 0;
        for (JsonNode unit : demo.units()) {
            events += json(call(
                            "GET",
                            services.ledger.url(
                                    "/api/v1/units/" + unit.get("unitCode").asText() + "/years/" + YEAR + "/ledger"),
                            null))
                    .get("nextSequence")
                    .asLong();
        }
        services.awaitPosition(DEPARTMENT, YEAR, events);
    }
}
