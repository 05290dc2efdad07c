package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.budgetledger.testkit.Fixtures;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Done-when of the projection issue: each fixture fed through the running services (both as processes of their
 * own, Kafka and the store over the network) gives exactly its expected cells, consolidated and per unit, with no
 * other non-zero cell, and the audit trail of every cell adds up to it.
 */
class FinalAccountsTest {

    private static final ObjectMapper JSON = TwoServices.JSON;
    private static TwoServices services;
    private static ServiceProcess ledger;
    private static ServiceProcess projection;

    @BeforeAll
    static void start() throws Exception {
        services = TwoServices.start("fa");
        ledger = services.ledger;
        projection = services.projection;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (services != null) {
            services.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.HETANG, Fixtures.DEMO_WLJ})
    void theDisclosureHasExactlyTheExpectedFiguresAndEveryFigureIsTraceable(String name) throws Exception {
        Fixtures fixture = Fixtures.of(name);
        int year = fixture.units().get(0).get("fiscalYear").asInt();
        fixture.catalogue().ifPresent(c -> {
            for (String kind : new String[] {"functional", "economic"}) {
                assertThat(call(
                                        "PUT",
                                        ledger.url("/api/v1/catalogues/" + year + "/" + kind),
                                        "{\"codes\":" + c.get(kind) + "}")
                                .statusCode())
                        .isEqualTo(200);
            }
        });
        for (JsonNode unit : fixture.units()) {
            assertThat(call(
                                    "PUT",
                                    ledger.url("/api/v1/units/"
                                            + unit.get("unitCode").asText() + "/years/" + year),
                                    unit.get("profile").toString())
                            .statusCode())
                    .isEqualTo(201);
        }
        ArrayNode batch = JSON.createArrayNode();
        fixture.postings().forEach(batch::add);
        JsonNode results = JSON.readTree(call("POST", ledger.url("/api/v1/postings/batch"), batch.toString())
                        .body())
                .get("results");
        results.forEach(
                r -> assertThat(r.get("httpStatus").asInt()).as(r.toString()).isEqualTo(201));

        // wait until the projection includes every event of every ledger
        long events = 0;
        for (JsonNode unit : fixture.units()) {
            events += JSON.readTree(call(
                                    "GET",
                                    ledger.url("/api/v1/units/"
                                            + unit.get("unitCode").asText() + "/years/" + year + "/ledger"),
                                    null)
                            .body())
                    .get("nextSequence")
                    .asLong();
        }
        String root = fixture.units().get(0).get("unitCode").asText();
        JsonNode cells = awaitPosition(root, year, "department", events);

        assertThat(sorted(cells.get("cells")))
                .isEqualTo(sorted(fixture.expectedCells().get("cells")));
        fixture.expectedCellsByUnit()
                .ifPresent(byUnit -> byUnit.fields().forEachRemaining(unit -> {
                    for (String scope : new String[] {"consolidated", "self"}) {
                        JsonNode actual = get("/api/v1/final-accounts/" + unit.getKey() + "/" + year + "/cells"
                                + (scope.equals("self") ? "?scope=self" : ""));
                        assertThat(sorted(actual.get("cells")))
                                .as(unit.getKey() + " " + scope)
                                .isEqualTo(sorted(unit.getValue().get(scope)));
                    }
                }));

        // the disclosure as a document: JSON, a printable page, CSV, XLSX and text
        JsonNode report = get("/api/v1/final-accounts/" + root + "/" + year);
        assertThat(report.get("tables").get("tables").size()).isEqualTo(year >= 2020 ? 9 : 8);
        String html = call("GET", projection.url("/api/v1/final-accounts/" + root + "/" + year + "/report"), null)
                .body();
        assertThat(html).contains("第一部分", "第二部分", "第三部分", "第四部分", "收入支出决算总表", "名词解释");
        if (name.equals(Fixtures.HETANG)) {
            assertThat(html)
                    .contains(
                            "本年收入合计30.74万元",
                            "一般公共服务（类）支出25.25万元，占82.14%",
                            "人员经费18.61万元，占基本支出的60.54%",
                            "公务接待费支出决算为0.06万元",
                            "机关运行经费支出12.13万元");
        }
        HttpResponse<String> csv =
                call("GET", projection.url("/api/v1/final-accounts/" + root + "/" + year + "/tables/01.csv"), null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("收入支出决算总表");
        assertThat(call("GET", projection.url("/api/v1/final-accounts/" + root + "/" + year + "/report.xlsx"), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("GET", projection.url("/api/v1/final-accounts/" + root + "/" + year + "/tables/01.txt"), null)
                        .body())
                .contains(cells.get("cells").get("01/income.total/amount").asText());

        // the 审核公式 of the disclosure: nothing fails, and the figures agree with the journal (L03) and the units (L04)
        JsonNode checks = get("/api/v1/final-accounts/" + root + "/" + year + "/checks");
        assertThat(checks.get("summary").get("FAIL").asInt())
                .as(checks.get("summary").toString())
                .isZero();
        assertThat(checks.get("summary").get("WARN").asInt())
                .as(checks.get("summary").toString())
                .isZero();
        for (JsonNode result : checks.get("results")) {
            if (result.get("id").asText().equals("L03")
                    || result.get("id").asText().equals("L04")) {
                assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("PASS");
            }
        }

        // the checks as text: Chinese for the finance staff, English when asked for
        HttpResponse<String> zh =
                callWith("/api/v1/final-accounts/" + root + "/" + year + "/checks", "text/plain", null);
        assertThat(zh.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(zh.body()).contains("W01 通过", "汇总：", "不通过 0").doesNotContain("PASS", "SKIPPED", "summary");
        HttpResponse<String> en =
                callWith("/api/v1/final-accounts/" + root + "/" + year + "/checks", "text/plain", "en-US,en;q=0.9");
        assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
        assertThat(en.body()).contains("W01 PASS", "summary: ");

        // dashboards: every unit side by side, months adding up to the year
        JsonNode headlines =
                get("/api/v1/dashboard/" + year + "/units?parent=" + root + "&sort=expenditure&order=desc");
        assertThat(headlines).hasSize(fixture.units().size());
        for (int i = 1; i < headlines.size(); i++) {
            assertThat(new BigDecimal(headlines.get(i - 1).get("expenditure").asText()))
                    .isGreaterThanOrEqualTo(
                            new BigDecimal(headlines.get(i).get("expenditure").asText()));
        }
        BigDecimal months = BigDecimal.ZERO;
        for (JsonNode month : get("/api/v1/dashboard/" + root + "/" + year + "/monthly")) {
            months = months.add(new BigDecimal(month.get("expenditure").asText()));
        }
        assertThat(months.subtract(new BigDecimal(cells.get("cells")
                                .get("01/expenditure.total/amount")
                                .asText()))
                        .abs())
                .isLessThanOrEqualTo(new BigDecimal("0.07"));
        assertThat(get("/api/v1/dashboard/" + root + "/" + year)
                        .get("expenditure")
                        .asText())
                .isEqualTo(cells.get("cells").get("01/expenditure.total/amount").asText());

        // the audit trail of every published figure adds up to it (lines in yuan, the cell in 万元 rounded once)
        for (Iterator<Map.Entry<String, JsonNode>> it = cells.get("cells").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> cell = it.next();
            String path = "/api/v1/final-accounts/" + root + "/" + year + "/cells/"
                    + (cell.getKey().hashCode() % 2 == 0
                            ? URLEncoder.encode(cell.getKey(), StandardCharsets.UTF_8)
                            : cell.getKey())
                    + "/audit";
            JsonNode audit = get(path);
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode line : audit.get("lines")) {
                sum = sum.add(new BigDecimal(line.get("amount").asText()));
            }
            assertThat(sum.movePointLeft(4).setScale(2, RoundingMode.HALF_UP).toPlainString())
                    .as(cell.getKey())
                    .isEqualTo(cell.getValue().asText());
            assertThat(audit.get("value").asText()).isEqualTo(cell.getValue().asText());
        }
    }

    /**
     * A reader that joins late (as after Kafka's retention dropped old records) sees a ledger's events from the
     * middle: it fetches what it missed from the ledger service instead of skipping it.
     */
    @org.junit.jupiter.api.Test
    void aProjectionThatMissedTheBeginningFetchesItFromTheLedger() throws Exception {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(call("PUT", ledger.url("/api/v1/units/LATE/years/2019"), profile.toString())
                        .statusCode())
                .isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(call("POST", ledger.url("/api/v1/postings"), latePosting("LATE-" + i))
                            .statusCode())
                    .isEqualTo(201);
        }
        Map<String, String> env = new HashMap<>(projection.environment());
        env.put("MONGODB_URI", TestInfra.freshMongoDatabase("fa_late"));
        env.put("PROJECTION_CONSUMER_GROUP", "late-" + UUID.randomUUID());
        env.put("SPRING_KAFKA_CONSUMER_AUTO_OFFSET_RESET", "latest"); // the beginning is "gone"
        ServiceProcess late = new ServiceProcess(
                "projection-late", projection.jar(), ServiceProcess.freePort(), env, projection.workDir());
        late.start();
        try {
            late.awaitHealthy(Duration.ofSeconds(120));
            Thread.sleep(3_000); // let it join the group at the end of the topic
            assertThat(call("POST", ledger.url("/api/v1/postings"), latePosting("LATE-5"))
                            .statusCode())
                    .isEqualTo(201);
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode cells = null;
            while (System.nanoTime() < end) {
                HttpResponse<String> r = call("GET", late.url("/api/v1/final-accounts/LATE/2019/cells"), null);
                if (r.statusCode() == 200
                        && (cells = JSON.readTree(r.body())).get("position").asLong() >= 7) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(cells).as("the late projection caught up").isNotNull();
            assertThat(cells.get("position").asLong()).isEqualTo(7);
            assertThat(cells.get("cells").get("01/income.total/amount").asText())
                    .isEqualTo("0.60");
        } finally {
            late.stop();
        }
    }

    private static String latePosting(String id) {
        return "{\"postingId\": \"" + id
                + "\", \"sourceSystem\": \"late\", \"unitCode\": \"LATE\", \"fiscalYear\": 2019, "
                + "\"type\": \"APPROPRIATION\", \"fundSource\": \"GENERAL_BUDGET\", \"functionalCode\": \"2013701\", "
                + "\"amount\": \"1000.00\", \"occurredOn\": \"2019-03-01\"}";
    }

    private JsonNode awaitPosition(String unit, int year, String scope, long events) throws Exception {
        return services.awaitPosition(unit, year, events);
    }

    private JsonNode get(String path) {
        HttpResponse<String> r = call("GET", projection.url(path), null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> sorted(JsonNode cells) {
        Map<String, String> map = new TreeMap<>();
        cells.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static HttpResponse<String> call(String method, String url, String body) {
        return TwoServices.call(method, url, body);
    }

    private HttpResponse<String> callWith(String path, String accept, String acceptLanguage) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(projection.url(path)))
                .header("Accept", accept)
                .header("X-API-Key", TwoServices.KEY)
                .GET();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
