package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.call;
import static org.budgetledger.system.TwoServices.callAs;
import static org.budgetledger.system.TwoServices.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys issued through the API with a unit scope, on the running services with the DEMO-WLJ department (DEMO-WLJ with
 * DEMO-WLJ-ZFDD and DEMO-WLJ-WHG under it): a key reads and writes its subtree only, on both services, and a revoked
 * key is refused by both within 10 s.
 */
class ScopedKeysTest {

    private static final String ZFDD = "DEMO-WLJ-ZFDD";
    private static final String WHG = "DEMO-WLJ-WHG";
    private static TwoServices services;

    @BeforeAll
    static void start() throws Exception {
        services = DemoDepartment.services();
    }

    @Test
    void aViewerKeyScopedToOneUnitReadsItAloneAndIsRefusedOnBothServicesWithin10sOfRevocation() throws Exception {
        JsonNode issued = issue("{\"role\":\"VIEWER\",\"scope\":\"" + ZFDD + "\",\"label\":\"执法大队 财务人员\"}");
        String key = issued.get("key").asText();
        String id = issued.get("id").asText();

        HttpResponse<String> listed = call("GET", services.ledger.url("/api/v1/admin/keys"), null);
        assertThat(listed.body()).contains(id, "执法大队 财务人员").doesNotContain(key);

        String cells = "/api/v1/final-accounts/" + ZFDD + "/2020/cells";
        assertThat(awaitStatus(() -> callAs(key, "GET", services.projection.url(cells), null), 200))
                .as("the projection learns of the key from the ledger")
                .isEqualTo(200);
        assertThat(status(key, services.ledger.url("/api/v1/units/" + ZFDD + "/years/2020")))
                .isEqualTo(200);
        assertThat(status(key, services.projection.url("/api/v1/final-accounts/" + ZFDD + "/2020/report")))
                .isEqualTo(200);

        HttpResponse<String> sibling =
                callAs(key, "GET", services.projection.url("/api/v1/final-accounts/" + WHG + "/2020/cells"), null);
        assertThat(sibling.statusCode()).as("a unit outside the scope").isEqualTo(403);
        assertThat(json(sibling).get("message").asText()).contains(WHG, ZFDD);
        assertThat(status(key, services.projection.url("/api/v1/final-accounts/DEMO-WLJ/2020/cells")))
                .as("the department's view, which includes a unit outside the scope")
                .isEqualTo(403);
        assertThat(status(key, services.ledger.url("/api/v1/units/" + WHG + "/years/2020")))
                .isEqualTo(403);
        assertThat(status(key, services.projection.url("/workspace/" + WHG + "/2020")))
                .as("no workspace session: the page asks to sign in")
                .isIn(302, 303, 401, 403);
        assertThat(status(key, services.projection.url("/api/v1/quarantine")))
                .as("what belongs to the installation")
                .isEqualTo(403);

        List<String> units = new ArrayList<>();
        json(callAs(key, "GET", services.projection.url("/api/v1/dashboard/ledgers"), null))
                .forEach(u -> units.add(u.get("unitCode").asText()));
        assertThat(units)
                .as("the dashboard lists the units of the scope (of every year)")
                .containsOnly(ZFDD);
        List<String> headlines = new ArrayList<>();
        json(callAs(key, "GET", services.projection.url("/api/v1/dashboard/2020/units"), null))
                .forEach(u -> headlines.add(u.get("unitCode").asText()));
        assertThat(headlines).containsExactly(ZFDD);

        for (ServiceProcess service : new ServiceProcess[] {services.ledger, services.projection}) {
            assertThat(call("GET", service.url("/actuator/prometheus"), null).body())
                    .contains("budgetledger_issued_keys_age_seconds", "budgetledger_issued_keys{");
        }
        assertThat(status(key, services.projection.url("/actuator/prometheus")))
                .as("metrics are the installation's")
                .isEqualTo(403);

        HttpResponse<String> revoked = call("DELETE", services.ledger.url("/api/v1/admin/keys/" + id), null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).get("revokedAt").isNull()).isFalse();
        long revokedAt = System.nanoTime();
        int ledgerAnswer = awaitStatus(
                () -> callAs(key, "GET", services.ledger.url("/api/v1/units/" + ZFDD + "/years/2020"), null), 401);
        int projectionAnswer = awaitStatus(() -> callAs(key, "GET", services.projection.url(cells), null), 401);
        Duration took = Duration.ofNanos(System.nanoTime() - revokedAt);
        assertThat(ledgerAnswer).isEqualTo(401);
        assertThat(projectionAnswer).isEqualTo(401);
        assertThat(took)
                .as("the contract: refused within 10 s of the revocation")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDepartmentsAdminWorksInItsSubtreeOnly() throws Exception {
        String profile = "{\"name\":\"示例区其他局\",\"kind\":\"ADMINISTRATIVE\",\"parentUnitCode\":null}";
        assertThat(call("PUT", services.ledger.url("/api/v1/units/OTHER-DEPT/years/2020"), profile)
                        .statusCode())
                .isIn(200, 201);
        String key = issue("{\"role\":\"ADMIN\",\"scope\":\"DEMO-WLJ\",\"label\":\"文旅局 管理员\"}")
                .get("key")
                .asText();

        String school = "{\"name\":\"示例区图书馆\",\"kind\":\"PUBLIC_INSTITUTION\",\"parentUnitCode\":\"DEMO-WLJ\"}";
        HttpResponse<String> created =
                callAs(key, "PUT", services.ledger.url("/api/v1/units/DEMO-WLJ-TSG/years/2020"), school);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> elsewhere = callAs(
                key,
                "PUT",
                services.ledger.url("/api/v1/units/DEMO-WLJ-TSG2/years/2020"),
                school.replace("\"DEMO-WLJ\"", "\"OTHER-DEPT\""));
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
        assertThat(json(elsewhere).get("field").asText()).isEqualTo("parentUnitCode");
        assertThat(callAs(key, "PUT", services.ledger.url("/api/v1/units/OTHER-DEPT/years/2020"), profile)
                        .statusCode())
                .isEqualTo(403);
        assertThat(callAs(key, "PUT", services.ledger.url("/api/v1/units/HT-CAC/years/2020"), school)
                        .statusCode())
                .as("a code registered in 2019 outside the scope is not free to take into it in 2020")
                .isEqualTo(403);
        assertThat(callAs(
                                key,
                                "POST",
                                services.ledger.url("/api/v1/admin/keys"),
                                "{\"role\":\"VIEWER\",\"scope\":\"DEMO-WLJ\",\"label\":\"x\"}")
                        .statusCode())
                .as("keys are the installation's to issue")
                .isEqualTo(403);
        String bulk = "[{\"unitCode\":\"DEMO-WLJ-BWG\",\"profile\":" + school + "},{\"unitCode\":\"ELSEWHERE-1\","
                + "\"profile\":" + school.replace("\"DEMO-WLJ\"", "\"OTHER-DEPT\"") + "}]";
        HttpResponse<String> mixed = callAs(key, "PUT", services.ledger.url("/api/v1/units/profiles/2020"), bulk);
        assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(403);
        assertThat(json(mixed).get("errors").findValuesAsText("row")).containsExactly("2");
        assertThat(status(TwoServices.KEY, services.ledger.url("/api/v1/units/DEMO-WLJ-BWG/years/2020")))
                .as("nothing recorded")
                .isEqualTo(404);
        HttpResponse<String> carried =
                callAs(key, "POST", services.ledger.url("/api/v1/units/profiles/2020/carry-forward"), "");
        assertThat(carried.statusCode()).as(carried.body()).isEqualTo(200);
        assertThat(status(TwoServices.KEY, services.ledger.url("/api/v1/units/DEMO-WLJ-ZFDD/years/2021")))
                .as("its subtree carried into 2021")
                .isEqualTo(200);
        assertThat(status(TwoServices.KEY, services.ledger.url("/api/v1/units/OTHER-DEPT/years/2021")))
                .as("nothing outside it")
                .isEqualTo(404);
        assertThat(status(key, services.ledger.url("/api/v1/catalogues/2020/functional")))
                .as("a catalogue belongs to no unit")
                .isEqualTo(200);
    }

    @Test
    void aPosterKeyPostsAsItsSourceSystemForItsUnitOnly() throws Exception {
        String key = issue("{\"role\":\"POSTER\",\"scope\":\"" + WHG + "\",\"sourceSystems\":[\"whg-payments\"],"
                        + "\"label\":\"文化馆 支付系统\"}")
                .get("key")
                .asText();
        HttpResponse<String> own =
                callAs(key, "POST", services.ledger.url("/api/v1/postings"), appropriation("SCOPED-1", WHG));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        HttpResponse<String> other =
                callAs(key, "POST", services.ledger.url("/api/v1/postings"), appropriation("SCOPED-2", ZFDD));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(json(other).get("field").asText()).isEqualTo("unitCode");
        HttpResponse<String> batch = callAs(
                key,
                "POST",
                services.ledger.url("/api/v1/postings/batch"),
                "[" + appropriation("SCOPED-3", WHG) + "," + appropriation("SCOPED-4", ZFDD) + "]");
        assertThat(batch.statusCode())
                .as("a batch with one posting outside is refused whole")
                .isEqualTo(403);
        assertThat(json(batch).get("field").asText()).isEqualTo("[1].unitCode");
    }

    @Test
    void aKeyRequestIsValidatedFieldByField() {
        assertThat(issueFault("{\"scope\":\"*\",\"label\":\"x\"}")).isEqualTo("role");
        assertThat(issueFault("{\"role\":\"VIEWER\",\"scope\":\"NO-SUCH-UNIT\",\"label\":\"x\"}"))
                .isEqualTo("scope");
        assertThat(issueFault("{\"role\":\"POSTER\",\"scope\":\"*\",\"label\":\"x\"}"))
                .isEqualTo("sourceSystems");
        assertThat(issueFault("{\"role\":\"VIEWER\",\"scope\":\"*\"}")).isEqualTo("label");
        assertThat(call("DELETE", services.ledger.url("/api/v1/admin/keys/key-0000"), null)
                        .statusCode())
                .isEqualTo(404);
    }

    private static String appropriation(String id, String unit) {
        return "{\"postingId\":\"" + id + "\",\"sourceSystem\":\"whg-payments\",\"unitCode\":\"" + unit
                + "\",\"fiscalYear\":2020,\"type\":\"APPROPRIATION\",\"fundSource\":\"GENERAL_BUDGET\","
                + "\"functionalCode\":\"2070109\",\"amount\":\"1.00\",\"occurredOn\":\"2020-03-01\"}";
    }

    private static JsonNode issue(String request) {
        HttpResponse<String> r = call("POST", services.ledger.url("/api/v1/admin/keys"), request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return json(r);
    }

    private static String issueFault(String request) {
        HttpResponse<String> r = call("POST", services.ledger.url("/api/v1/admin/keys"), request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        return json(r).get("field").asText();
    }

    private static int status(String key, String url) {
        return callAs(key, "GET", url, null).statusCode();
    }

    /** Asks until the answer has the status wanted, for at most 15 s; the last status. */
    private static int awaitStatus(Supplier<HttpResponse<String>> request, int wanted) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int last;
        do {
            last = request.get().statusCode();
            if (last == wanted) {
                return last;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        return last;
    }
}
