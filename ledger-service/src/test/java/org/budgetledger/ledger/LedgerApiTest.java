package org.budgetledger.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The REST contract beyond the fixtures: errors that name the field, batches, units, catalogues, year close. */
class LedgerApiTest extends IntegrationTest {

    private static final java.util.concurrent.atomic.AtomicInteger UNITS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static JsonNode profile;
    /** Each test has a unit of its own, so that one test's close or postings never meet another's. */
    private String unit;

    @BeforeEach
    void unit() {
        profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        unit = "API" + UNITS.incrementAndGet();
        put("/api/v1/units/" + unit + "/years/2019", profile);
    }

    @Test
    void malformedJsonIs400AndAnInvalidPostingIs422NamingTheField() {
        ResponseEntity<String> malformed = post("/api/v1/postings", "{\"postingId\": ");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(read(malformed.getBody()).get("error").asText()).isEqualTo("malformed_json");
        assertThat(post("/api/v1/postings", "[1, 2]").getStatusCode().value()).isEqualTo(400);

        ObjectNode p = appropriation("API-1", "100.00");
        p.put("amount", 100.5); // a JSON number: money must be a string
        JsonNode numeric = read(post("/api/v1/postings", p).getBody());
        assertThat(numeric.get("error").asText()).isEqualTo("field.type");
        assertThat(numeric.get("field").asText()).isEqualTo("amount");
        assertThat(numeric.get("message").asText()).startsWith("amount");

        ObjectNode unknown = appropriation("API-1", "100.00");
        unknown.put("colour", "red");
        ResponseEntity<String> r = post("/api/v1/postings", unknown);
        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(read(r.getBody()).get("field").asText()).isEqualTo("colour");

        ObjectNode outside = appropriation("API-1", "100.00");
        outside.put("occurredOn", "2020-01-01");
        JsonNode body = read(post("/api/v1/postings", outside).getBody());
        assertThat(body.get("error").asText()).isEqualTo("occurredOn.outside_year");
        assertThat(body.get("field").asText()).isEqualTo("occurredOn");
        assertThat(body.get("message").asText()).contains("occurredOn", "2020-01-01");
    }

    @Test
    void aPostingIdUsedForAnotherUnitIsAConflict() {
        put("/api/v1/units/" + unit + "-2/years/2019", profile);
        assertThat(post("/api/v1/postings", appropriation("SHARED-1", "10.00"))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        ObjectNode elsewhere = appropriation("SHARED-1", "10.00");
        elsewhere.put("unitCode", unit + "-2");
        ResponseEntity<String> r = post("/api/v1/postings", elsewhere);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(409);
        assertThat(read(r.getBody()).get("message").asText()).contains(unit + ":2019");
        assertThat(ledger(unit + "-2", 2019).get("postings").asInt()).isZero();
        // a rejected posting does not keep its id: the same id may then be used for the right ledger
        ObjectNode invalid = appropriation("FREE-1", "10.005");
        assertThat(post("/api/v1/postings", invalid).getStatusCode().value()).isEqualTo(422);
        ObjectNode valid = appropriation("FREE-1", "10.00");
        valid.put("unitCode", unit + "-2");
        assertThat(post("/api/v1/postings", valid).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void aBatchAnswersEachItemInOrderAsTheSingleEndpointWould() {
        ArrayNode batch = JSON.createArrayNode();
        batch.add(appropriation("B-1", "100.00"));
        batch.add(expenditure("B-2", "60.00"));
        batch.add(expenditure("B-3", "60.00")); // beyond what is left
        batch.add(appropriation("B-1", "100.00")); // duplicate within the batch
        batch.add(appropriation("B-1", "101.00")); // conflict
        batch.add(JSON.getNodeFactory().textNode("not a posting"));
        ObjectNode elsewhere = appropriation("B-4", "1.00");
        elsewhere.put("unitCode", "NOBODY");
        batch.add(elsewhere);
        JsonNode results = read(post("/api/v1/postings/batch", batch).getBody()).get("results");
        assertThat(results)
                .extracting(n -> n.get("httpStatus").asInt())
                .containsExactly(201, 201, 422, 200, 409, 400, 422);
        assertThat(results.get(2).get("error").asText()).isEqualTo("availability.insufficient");
        assertThat(results.get(6).get("error").asText()).isEqualTo("unit.not_registered");
        assertThat(results).extracting(n -> n.get("index").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6);

        ArrayNode tooMany = JSON.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(appropriation("X-" + i, "1.00"));
        }
        ResponseEntity<String> r = post("/api/v1/postings/batch", tooMany);
        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(read(r.getBody()).get("error").asText()).isEqualTo("batch.too_large");
        assertThat(post("/api/v1/postings/batch", "{}").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void unitProfilesFollowTheParentRules() {
        ObjectNode child = profile.deepCopy();
        child.put("parentUnitCode", unit);
        assertThat(put("/api/v1/units/" + unit + "-CHILD/years/2019", child)
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(put("/api/v1/units/" + unit + "-CHILD/years/2019", child)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(read(put("/api/v1/units/" + unit + "-CHILD/years/2019", child)
                                .getBody())
                        .get("status")
                        .asText())
                .isEqualTo("UNCHANGED");

        ObjectNode cycle = profile.deepCopy();
        cycle.put("parentUnitCode", unit + "-CHILD");
        ResponseEntity<String> r = put("/api/v1/units/" + unit + "/years/2019", cycle);
        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(read(r.getBody()).get("field").asText()).isEqualTo("parentUnitCode");

        ObjectNode orphan = profile.deepCopy();
        orphan.put("parentUnitCode", "NOBODY");
        assertThat(put("/api/v1/units/" + unit + "-ORPHAN/years/2019", orphan)
                        .getStatusCode()
                        .value())
                .isEqualTo(422);
        ObjectNode noName = profile.deepCopy();
        noName.remove("name");
        JsonNode noNameBody =
                read(put("/api/v1/units/" + unit + "-X/years/2019", noName).getBody());
        assertThat(noNameBody.get("field").asText()).isEqualTo("name");
        ObjectNode badKind = profile.deepCopy();
        badKind.put("kind", "MINISTRY");
        assertThat(read(put("/api/v1/units/" + unit + "-X/years/2019", badKind).getBody())
                        .get("field")
                        .asText())
                .isEqualTo("kind");

        assertThat(getJson("/api/v1/units/" + unit + "-CHILD/years/2019")
                        .get("parentUnitCode")
                        .asText())
                .isEqualTo(unit);
        assertThat(http.getForEntity("/api/v1/units/NOBODY/years/2019", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void cataloguesAreServedAndRevisedWithTheirParents() {
        JsonNode shipped = getJson("/api/v1/catalogues/2019/functional");
        assertThat(shipped.get("codes").toString()).contains("\"2013701\"", "行政运行");
        assertThat(http.getForEntity("/api/v1/catalogues/1995/economic", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);

        ResponseEntity<String> orphan = put(
                "/api/v1/catalogues/2019/functional",
                Map.of("codes", List.of(Map.of("code", "2990101", "name", "试点"))));
        assertThat(orphan.getStatusCode().value()).isEqualTo(422);
        assertThat(read(orphan.getBody()).get("field").asText()).isEqualTo("codes[0].code");

        ResponseEntity<String> added = put(
                "/api/v1/catalogues/2019/functional",
                Map.of(
                        "codes",
                        List.of(
                                Map.of("code", "299", "name", "试点支出"),
                                Map.of("code", "29901", "name", "试点事务"),
                                Map.of("code", "2990101", "name", "试点"))));
        assertThat(added.getStatusCode().value()).as(added.getBody()).isEqualTo(200);
        assertThat(read(added.getBody()).get("size").asInt())
                .isEqualTo(shipped.get("size").asInt() + 3);
        ObjectNode p = appropriation("CAT-1", "5.00");
        p.put("functionalCode", "2990101");
        assertThat(post("/api/v1/postings", p).getStatusCode().value()).isEqualTo(201);

        // a year the service does not know: created by the PUT; before it, postings for that year are refused
        put("/api/v1/units/" + unit + "/years/1999", profile);
        ObjectNode old = appropriation("OLD-1", "5.00");
        old.put("fiscalYear", 1999).put("occurredOn", "1999-05-01");
        JsonNode refused = read(post("/api/v1/postings", old).getBody());
        assertThat(refused.get("error").asText()).isEqualTo("catalogue.missing");
        put(
                "/api/v1/catalogues/1999/functional",
                Map.of(
                        "codes",
                        List.of(
                                Map.of("code", "201", "name", "一般公共服务"),
                                Map.of("code", "20137", "name", "网信事务"),
                                Map.of("code", "2013701", "name", "行政运行"))));
        put("/api/v1/catalogues/1999/economic", Map.of("codes", List.of(Map.of("code", "301", "name", "工资福利支出"))));
        assertThat(post("/api/v1/postings", old).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void closingAYearCarriesItsBalancesIntoTheNextAndRefusesFurtherPostings() {
        post("/api/v1/postings", appropriation("C-1", "1000.00"));
        post("/api/v1/postings", expenditure("C-2", "300.00"));
        JsonNode closed =
                read(post("/api/v1/units/" + unit + "/years/2019/close", "").getBody());
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("nextYearProfileCarried").asBoolean()).isTrue();
        assertThat(closed.get("closingBalances")).hasSize(1);
        assertThat(closed.get("closingBalances").get(0).get("amount").asText()).isEqualTo("700.00");
        assertThat(closed.get("openings").get(0).get("status").asText()).isEqualTo("RECORDED");

        JsonNode next = ledger(unit, 2020);
        assertThat(next.get("available").get("GENERAL_BUDGET").asText()).isEqualTo("700.00");
        JsonNode refused =
                read(post("/api/v1/postings", appropriation("C-3", "1.00")).getBody());
        assertThat(refused.get("error").asText()).isEqualTo("year.closed");
        // closing again changes nothing
        JsonNode again =
                read(post("/api/v1/units/" + unit + "/years/2019/close", "").getBody());
        assertThat(again.get("openings").get(0).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(ledger(unit, 2020).get("postings").asInt()).isEqualTo(1);
    }

    @Test
    void narrativeSectionsAreCheckedAndRecorded() {
        assertThat(put(
                                "/api/v1/units/" + unit + "/years/2019/narrative",
                                Map.of("sections", Map.of("performance", "绩效良好", "other", "无")))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        ResponseEntity<String> r =
                put("/api/v1/units/" + unit + "/years/2019/narrative", Map.of("sections", Map.of("gossip", "…")));
        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(read(r.getBody()).get("field").asText()).isEqualTo("sections.gossip");
    }

    /** A key that cannot print for the unit and year is recorded with a warning saying why; a wrong one is refused. */
    @Test
    void narrativeThatCannotPrintIsWarnedAboutOrRefused() {
        String path = "/api/v1/units/" + unit + "/years/2019/narrative";
        JsonNode answer =
                read(put(path, Map.of("sections", Map.of("reasons.income", "收入增加", "reasons.noComparison", "新成立")))
                        .getBody());
        assertThat(answer.get("status").asText()).isEqualTo("RECORDED");
        assertThat(answer.get("warnings")).hasSize(1);
        assertThat(answer.get("warnings").get(0).get("section").asText()).isEqualTo("reasons.income");
        assertThat(answer.get("warnings").get(0).get("message").asText())
                .contains("explains the change on 2018, and 2018 has no figures");

        ResponseEntity<String> unknownItem =
                put(path, Map.of("sections", Map.of("reasons.general_budget.2139999", "…")));
        assertThat(unknownItem.getStatusCode().value()).isEqualTo(422);
        assertThat(read(unknownItem.getBody()).get("field").asText())
                .isEqualTo("sections.reasons.general_budget.2139999");
        assertThat(put(path, Map.of("sections", Map.of("reasons.general_budget.2013701", "人员增加")))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        ResponseEntity<String> notACount = put(path, Map.of("sections", Map.of("assets.vehicles_held", "两辆")));
        assertThat(notACount.getStatusCode().value()).isEqualTo(422);
        assertThat(read(notACount.getBody()).get("field").asText()).isEqualTo("sections.assets.vehicles_held");
    }

    @Test
    void operatorsSeeOutcomesByReasonTheOpenApiDocumentAndHealth() {
        post("/api/v1/postings", appropriation("M-1", "12.345"));
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics)
                .contains(
                        "ledger_postings_total{",
                        "outcome=\"rejected\"",
                        "reason=\"amount.format\"",
                        "ledger_relay_published_total");
        String api = http.getForObject("/v3/api-docs", String.class);
        assertThat(api)
                .contains(
                        "/api/v1/postings",
                        "/api/v1/postings/batch",
                        "/api/v1/units/{unitCode}/years/{fiscalYear}",
                        "/api/v1/catalogues/{fiscalYear}/{kind}",
                        "/api/v1/units/{unitCode}/years/{fiscalYear}/close",
                        "HT-CAC-2019-00124");
        assertThat(http.getForEntity("/swagger-ui.html", String.class)
                                .getStatusCode()
                                .is2xxSuccessful()
                        || http.getForEntity("/swagger-ui/index.html", String.class)
                                .getStatusCode()
                                .is2xxSuccessful())
                .isTrue();
        assertThat(http.getForObject("/actuator/health", String.class)).startsWith("{\"status\":\"UP\"");
    }

    @Test
    void theMinistrysSpreadsheetAddsAChapterAndItsCodesArePostedOn() throws Exception {
        byte[] workbook;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("2024年支出功能分类科目");
            String[][] rows = {
                {"2024年政府收支分类科目（支出功能分类）"},
                {"科目编码", "科目名称"},
                {"205", "教育支出"},
                {"20501", "教育管理事务"},
                {"2050101", "行政运行"},
                {"20502", "普通教育"},
                {"2050202", "小学教育"},
                {"20508", "进修及培训"},
                {"2050804", "退役士兵能力提升"},
                {"201", "一般公共服务支出"}
            };
            for (int r = 0; r < rows.length; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (r >= 2 && c == 0) {
                        row.createCell(c).setCellValue(Double.parseDouble(rows[r][c])); // codes typed as numbers
                    } else {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            wb.write(out);
            workbook = out.toByteArray();
        }
        ResponseEntity<String> answer = putFile(
                "/api/v1/catalogues/2024/functional",
                workbook,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode imported = read(answer.getBody());
        // the 205 chapter is shipped (contract catalogues, SOURCES.md) but for 2050804, which the file adds
        assertThat(imported.get("added").findValuesAsText("code")).containsExactly("2050804");
        assertThat(imported.get("added").toString()).contains("退役士兵能力提升");
        assertThat(imported.get("renamed")).isEmpty();
        assertThat(imported.get("unchanged").asInt()).isEqualTo(7);
        assertThat(imported.get("notInFile").asInt()).isPositive();

        put("/api/v1/units/" + unit + "/years/2024", profile);
        for (String code : new String[] {"2050101", "2050804"}) {
            ObjectNode p = appropriation("EDU-" + code, "5000.00");
            p.put("fiscalYear", 2024).put("occurredOn", "2024-03-01").put("functionalCode", code);
            ResponseEntity<String> posted = post("/api/v1/postings", p);
            assertThat(posted.getStatusCode().value()).as(posted.getBody()).isEqualTo(201);
        }
    }

    @Test
    void anImportRemovesTheCodesTheFileLacksUnlessARecordedPostingUsesThem() throws Exception {
        int year = 1993; // no shipped catalogue, no other test's postings or catalogue
        String codes = "{\"codes\":[{\"code\":\"201\",\"name\":\"一般公共服务支出\"},"
                + "{\"code\":\"20101\",\"name\":\"人大事务\"},{\"code\":\"2010101\",\"name\":\"行政运行\"},"
                + "{\"code\":\"2010102\",\"name\":\"一般行政管理事务\"},{\"code\":\"205\",\"name\":\"教育支出\"},"
                + "{\"code\":\"20502\",\"name\":\"普通教育\"},{\"code\":\"2050202\",\"name\":\"小学教育\"}]}";
        put("/api/v1/catalogues/" + year + "/functional", read(codes));
        put("/api/v1/catalogues/" + year + "/economic", read("{\"codes\":[{\"code\":\"301\",\"name\":\"工资福利支出\"}]}"));
        put("/api/v1/units/" + unit + "/years/" + year, profile);
        ObjectNode p = appropriation("OLD-1", "10.00");
        p.put("fiscalYear", year).put("occurredOn", year + "-03-01").put("functionalCode", "2010101");
        ResponseEntity<String> recorded = post("/api/v1/postings", p);
        assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(201);

        String path = "/api/v1/catalogues/" + year + "/functional?removeMissing=true";
        ResponseEntity<String> refused =
                putFile(path, "科目编码,科目名称\n205,教育支出\n20502,普通教育\n2050202,小学教育\n".getBytes(UTF_8), "text/csv");
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
        JsonNode inUse = read(refused.getBody());
        assertThat(inUse.get("error").asText()).isEqualTo("catalogue.code_in_use");
        assertThat(inUse.get("errors").findValuesAsText("code")).containsExactly("201", "20101", "2010101");
        assertThat(inUse.get("errors").findValuesAsText("postingId"))
                .containsOnly(p.get("postingId").asText());
        assertThat(getJson("/api/v1/catalogues/" + year + "/functional")
                        .get("size")
                        .asInt())
                .as("nothing recorded")
                .isEqualTo(7);

        ResponseEntity<String> imported = putFile(
                path,
                "科目编码,科目名称\n201,一般公共服务支出\n20101,人大事务\n2010101,行政运行\n205,教育支出\n20502,普通教育\n".getBytes(UTF_8),
                "text/csv");
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        JsonNode answer = read(imported.getBody());
        assertThat(answer.get("removed").findValuesAsText("code")).containsExactly("2010102", "2050202");
        assertThat(answer.get("keptInUse"))
                .as("read again once every instance has read the removal")
                .isEmpty();
        assertThat(answer.get("notInFile").asInt()).isZero();
        assertThat(answer.get("size").asInt()).isEqualTo(5);
        ObjectNode gone = appropriation("NEW-1", "10.00");
        gone.put("fiscalYear", year).put("occurredOn", year + "-03-01").put("functionalCode", "2050202");
        assertThat(post("/api/v1/postings", gone).getStatusCode().value())
                .as("a removed code is refused")
                .isEqualTo(422);
    }

    @Test
    void aCsvFileWithBadRowsIsRefusedWholeListingEachRow() {
        String csv = "类,款,项,科目名称\n299,,,试点支出\n,01,,\n,01,01,试点\n,02,01,无款之项\n";
        ResponseEntity<String> answer = putFile(
                "/api/v1/catalogues/2023/functional",
                csv.getBytes(java.nio.charset.Charset.forName("GB18030")),
                "text/csv");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(422);
        JsonNode body = read(answer.getBody());
        assertThat(body.get("error").asText()).isEqualTo("file.rows");
        assertThat(body.get("errors").findValuesAsText("row")).containsExactly("3", "4", "5");
        assertThat(getJson("/api/v1/catalogues/2023/functional").get("codes").toString())
                .as("nothing recorded")
                .doesNotContain("\"299\"");
    }

    @Test
    void threeHundredProfilesFromOneCsvInAnyOrderThenCarriedIntoTheNextYear() {
        String prefix = "D" + UNITS.incrementAndGet() + "-";
        StringBuilder csv = new StringBuilder("单位代码,单位名称,单位类型,上级单位代码,行政区划,编制人数,实有人数,在职人数,离休人数,退休人数\n");
        for (int d = 0; d < 10; d++) { // each department's schools first, the department itself last: any order
            for (int s = 0; s < 29; s++) {
                csv.append(prefix)
                        .append(d)
                        .append('-')
                        .append(s)
                        .append(",示例学校")
                        .append(d)
                        .append('-')
                        .append(s)
                        .append(",PUBLIC_INSTITUTION,")
                        .append(prefix)
                        .append(d)
                        .append(",示例区,40,38,36,0,2\n");
            }
            csv.append(prefix).append(d).append(",示例部门").append(d).append(",ADMINISTRATIVE,,示例区,,,,,\n");
        }
        ResponseEntity<String> registered = putFile(
                "/api/v1/units/profiles/2022",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/csv");
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(200);
        assertThat(read(registered.getBody()).at("/counts/CREATED").asInt()).isEqualTo(300);
        JsonNode school = getJson("/api/v1/units/" + prefix + "3-7/years/2022");
        assertThat(school.get("parentUnitCode").asText()).isEqualTo(prefix + "3");
        assertThat(school.at("/staffing/authorized").asInt()).isEqualTo(40);

        ResponseEntity<String> carried = post("/api/v1/units/profiles/2022/carry-forward", "");
        assertThat(carried.getStatusCode().value()).as(carried.getBody()).isEqualTo(200);
        JsonNode next = read(carried.getBody());
        assertThat(next.get("fiscalYear").asInt()).isEqualTo(2023);
        assertThat(next.at("/counts/CREATED").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(getJson("/api/v1/units/" + prefix + "3-7/years/2023")
                        .get("name")
                        .asText())
                .isEqualTo("示例学校3-7");
    }

    @Test
    void aBulkRequestWithBadRowsIsRefusedWholeListingEachRow() {
        String prefix = "B" + UNITS.incrementAndGet() + "-";
        List<Map<String, Object>> units = List.of(
                Map.of("unitCode", prefix + "ok", "profile", Map.of("name", "好", "kind", "ADMINISTRATIVE")),
                Map.of("unitCode", prefix + "kind", "profile", Map.of("name", "类型错", "kind", "SCHOOL")),
                Map.of(
                        "unitCode",
                        prefix + "orphan",
                        "profile",
                        Map.of("name", "无上级", "kind", "OTHER", "parentUnitCode", prefix + "nowhere")),
                Map.of("unitCode", prefix + "ok", "profile", Map.of("name", "重复", "kind", "OTHER")),
                Map.of("unitCode", "bad code!", "profile", Map.of("name", "代码错", "kind", "OTHER")));
        ResponseEntity<String> answer = put("/api/v1/units/profiles/2022", units);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(422);
        JsonNode errors = read(answer.getBody()).get("errors");
        assertThat(errors.findValuesAsText("row")).containsExactly("2", "3", "4", "5");
        assertThat(errors.findValuesAsText("field")).containsExactly("kind", "parentUnitCode", "unitCode", "unitCode");
        assertThat(http.getForEntity("/api/v1/units/" + prefix + "ok/years/2022", String.class)
                        .getStatusCode()
                        .value())
                .as("nothing recorded")
                .isEqualTo(404);
    }

    private ResponseEntity<String> putFile(String path, byte[] body, String type) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.parseMediaType(type));
        return http.exchange(
                path,
                org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>(body, headers),
                String.class);
    }

    private ObjectNode appropriation(String id, String amount) {
        return appropriation(unit, id, amount);
    }

    private ObjectNode expenditure(String id, String amount) {
        return expenditure(unit, id, amount);
    }
}
