package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.system.TwoServices.call;
import static org.budgetledger.system.TwoServices.callBytes;
import static org.budgetledger.system.TwoServices.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Done-when of the published-figures import on the running services: the seed office's report.xlsx, imported as 2019
 * of another unit, gives the same cells; that unit's 2020 compares with them in its 情况说明 and runs L02; a workbook
 * that contradicts itself, or lacks a table, is refused naming the rule or the table.
 */
class PublishedFiguresTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String COPY = "HT-COPY";

    private static TwoServices services;
    private static byte[] seedWorkbook;
    private static JsonNode seedCells;

    @BeforeAll
    static void start() throws Exception {
        services = TwoServices.start("published");
        Fixtures seed = Fixtures.of(Fixtures.HETANG);
        JsonNode profile = seed.units().get(0).get("profile");
        call("PUT", services.ledger.url("/api/v1/units/HT-CAC/years/2019"), profile.toString());
        ArrayNode batch = TwoServices.JSON.createArrayNode();
        seed.postings().forEach(batch::add);
        assertThat(call("POST", services.ledger.url("/api/v1/postings/batch"), batch.toString())
                        .statusCode())
                .isEqualTo(200);
        long events = json(call("GET", services.ledger.url("/api/v1/units/HT-CAC/years/2019/ledger"), null))
                .get("nextSequence")
                .asLong();
        seedCells = services.awaitPosition("HT-CAC", 2019, events).get("cells");
        seedWorkbook = callBytes(
                        "GET", services.projection.url("/api/v1/final-accounts/HT-CAC/2019/report.xlsx"), null, null)
                .body();

        ObjectNode copy = profile.deepCopy();
        copy.put("name", "荷塘区示例单位");
        assertThat(call("PUT", services.ledger.url("/api/v1/units/" + COPY + "/years/2019"), copy.toString())
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("PUT", services.ledger.url("/api/v1/units/" + COPY + "/years/2020"), copy.toString())
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (services != null) {
            services.stop();
        }
    }

    private static HttpResponse<byte[]> importWorkbook(String unit, int year, byte[] workbook) {
        return callBytes(
                "PUT",
                services.ledger.url(
                        "/api/v1/units/" + unit + "/years/" + year + "/published-figures?fileName=2019.xlsx"),
                XLSX,
                workbook);
    }

    private static JsonNode body(HttpResponse<byte[]> r) throws Exception {
        return TwoServices.JSON.readTree(r.body());
    }

    @Test
    void theSeedsWorkbookImportedAsAnotherUnitsYearGivesTheSameCellsAndTheNextYearComparesWithThem() throws Exception {
        HttpResponse<byte[]> imported = importWorkbook(COPY, 2019, seedWorkbook);
        assertThat(imported.statusCode()).as(new String(imported.body())).isEqualTo(201);
        JsonNode answer = body(imported);
        assertThat(answer.get("status").asText()).isEqualTo("IMPORTED");
        assertThat(answer.get("sha256").asText()).hasSize(64);
        assertThat(answer.get("tables")).hasSize(8);
        assertThat(importWorkbook(COPY, 2019, seedWorkbook).statusCode())
                .as("the same file again")
                .isEqualTo(200);

        long events = json(call("GET", services.ledger.url("/api/v1/units/" + COPY + "/years/2019/ledger"), null))
                .get("nextSequence")
                .asLong();
        JsonNode copied = services.awaitPosition(COPY, 2019, events);
        Map<String, String> expected = new TreeMap<>();
        seedCells.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("general/")) { // 一般性支出 prints only in the text, not in the tables
                expected.put(e.getKey(), e.getValue().asText());
            }
        });
        Map<String, String> actual = new TreeMap<>();
        copied.get("cells")
                .fields()
                .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
        assertThat(actual).isEqualTo(expected);
        assertThat(copied.get("imported").get(0).get("fileName").asText()).isEqualTo("2019.xlsx");

        JsonNode importedChecks =
                json(call("GET", services.projection.url("/api/v1/final-accounts/" + COPY + "/2019/checks"), null));
        assertThat(importedChecks.get("summary").get("FAIL").asInt())
                .as("the imported year's own checks: %s", importedChecks.get("summary"))
                .isZero();

        JsonNode audit = json(call(
                "GET",
                services.projection.url("/api/v1/final-accounts/" + COPY + "/2019/cells/01/income.total/amount/audit"),
                null));
        assertThat(audit.get("value").asText()).isEqualTo("30.74");
        assertThat(audit.get("imported").get(0).get("sha256").asText())
                .isEqualTo(answer.get("sha256").asText());

        HttpResponse<String> posting =
                call("POST", services.ledger.url("/api/v1/postings"), appropriation("HT-COPY-2019-1", 2019, "10.00"));
        assertThat(posting.statusCode())
                .as("a year holds postings or imported figures, never both")
                .isEqualTo(409);
        assertThat(json(posting).toString()).contains("year.imported");

        // 2020 of the same unit, with postings: compared with the imported 2019
        ArrayNode postings = TwoServices.JSON.createArrayNode();
        postings.add(TwoServices.JSON.readTree(appropriation("HT-COPY-2020-1", 2020, "400000.00")));
        postings.add(TwoServices.JSON.readTree(expenditure("HT-COPY-2020-2", "380000.00")));
        assertThat(call("POST", services.ledger.url("/api/v1/postings/batch"), postings.toString())
                        .statusCode())
                .isEqualTo(200);
        long events2020 = json(call("GET", services.ledger.url("/api/v1/units/" + COPY + "/years/2020/ledger"), null))
                .get("nextSequence")
                .asLong();
        services.awaitPosition(COPY, 2020, events2020);
        String text = call("GET", services.projection.url("/api/v1/final-accounts/" + COPY + "/2020/report"), null)
                .body();
        assertThat(text)
                .contains(
                        "2020年度收入总计40.00万元。与2019年度相比，增加9.26万元，增长" + percent(926, 3074) + "%。",
                        "2020年度支出总计40.00万元。与2019年度相比，增加9.26万元，增长" + percent(926, 3074) + "%。",
                        "本部门2020年度机关运行经费支出" /* the 公用经费 of 06 */);
        assertThat(text).doesNotContain("无上年可比较数据");

        String dashboard = call("GET", services.projection.url("/api/v1/dashboard/" + COPY + "/2020"), null)
                .body();
        assertThat(dashboard)
                .as("the dashboard's change on the imported year")
                .contains("\"previous\":\"30.74\"", "\"delta\":\"7.26\"");

        JsonNode checks =
                json(call("GET", services.projection.url("/api/v1/final-accounts/" + COPY + "/2020/checks"), null));
        boolean l02Ran = false;
        for (JsonNode r : checks.get("results")) {
            if (r.get("id").asText().equals("L02") && !r.get("status").asText().equals("SKIPPED")) {
                l02Ran = true;
            }
        }
        assertThat(l02Ran)
                .as("L02 runs against the imported closing balances: %s", checks)
                .isTrue();
    }

    @Test
    void aWorkbookThatContradictsItselfOrLacksATableIsRefusedNamingWhy() throws Exception {
        call(
                "PUT",
                services.ledger.url("/api/v1/units/HT-BAD/years/2019"),
                Fixtures.of(Fixtures.HETANG).units().get(0).get("profile").toString());
        HttpResponse<byte[]> unbalanced =
                importWorkbook("HT-BAD", 2019, edited(seedWorkbook, "公开01表", "本年收入合计", 31.74));
        assertThat(unbalanced.statusCode()).as(new String(unbalanced.body())).isEqualTo(422);
        JsonNode refusal = body(unbalanced);
        assertThat(refusal.get("error").asText()).isEqualTo("figures.rules_failed");
        assertThat(refusal.get("failures").toString()).contains("\"rule\":\"W01\"", "31.74");

        HttpResponse<byte[]> missing = importWorkbook("HT-BAD", 2019, withoutSheet(seedWorkbook, "公开07表"));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(body(missing).get("error").asText()).isEqualTo("layout.unreadable");
        assertThat(body(missing).get("message").asText()).contains("公开07表");

        HttpResponse<byte[]> postingsFirst = importWorkbook("HT-CAC", 2019, seedWorkbook);
        assertThat(postingsFirst.statusCode()).isEqualTo(409);
        assertThat(body(postingsFirst).get("error").asText()).isEqualTo("year.has_postings");
    }

    private static String percent(long part, long whole) {
        return BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static String appropriation(String id, int year, String amount) {
        return "{\"postingId\":\"" + id + "\",\"sourceSystem\":\"treasury-payments\",\"unitCode\":\"" + COPY
                + "\",\"fiscalYear\":" + year
                + ",\"type\":\"APPROPRIATION\",\"fundSource\":\"GENERAL_BUDGET\",\"functionalCode\":\"2013701\",\"amount\":\""
                + amount + "\",\"occurredOn\":\"" + year + "-01-05\"}";
    }

    private static String expenditure(String id, String amount) {
        return "{\"postingId\":\"" + id + "\",\"sourceSystem\":\"treasury-payments\",\"unitCode\":\"" + COPY
                + "\",\"fiscalYear\":2020"
                + ",\"type\":\"EXPENDITURE\",\"fundSource\":\"GENERAL_BUDGET\",\"functionalCode\":\"2013701\",\"economicCode\":\"30201\""
                + ",\"expenditureKind\":\"BASIC\",\"amount\":\"" + amount + "\",\"occurredOn\":\"2020-03-05\"}";
    }

    private static byte[] edited(byte[] xlsx, String sheet, String rowLabel, double value) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : wb.getSheet(sheet)) {
                Cell first = row.getCell(0);
                if (first != null && first.toString().equals(rowLabel)) {
                    row.getCell(2).setCellValue(value);
                }
            }
            return bytes(wb);
        }
    }

    private static byte[] withoutSheet(byte[] xlsx, String sheet) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            wb.removeSheetAt(wb.getSheetIndex(sheet));
            return bytes(wb);
        }
    }

    private static byte[] bytes(XSSFWorkbook wb) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
