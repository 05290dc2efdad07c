package org.budgetledger.ledger.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.budgetledger.kit.scope.ScopedByHandler;
import org.budgetledger.ledger.web.RestRequests;
import org.budgetledger.ledger.web.Spreadsheets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A year's unit profiles at once: from a table or a JSON array, or carried from the year before. */
@RestController
@RequestMapping(path = "/api/v1/units/profiles/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Units", description = "A budget unit's profile, narrative text and year close, per fiscal year")
public class BulkProfileController {

    private final BulkProfiles bulk;
    private final Clock clock;

    public BulkProfileController(BulkProfiles bulk, Clock clock) {
        this.bulk = bulk;
        this.clock = clock;
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "putUnitProfiles",
            summary = "Register a year's unit profiles in one request (JSON array, CSV or XLSX), in any order",
            description = "JSON: [{\"unitCode\", \"profile\": {…}}] or [{\"unitCode\", \"name\", \"kind\", …}]. CSV "
                    + "(UTF-8 or GB18030) or XLSX (first sheet): a heading row naming unitCode (单位代码), name (单位名称), "
                    + "kind (单位类型), parentUnitCode (上级单位代码), region (行政区划), authorized (编制人数), actual "
                    + "(实有人数), active (在职人数), retiredCadres (离休人数), retired (退休人数), duties (职责), then a unit "
                    + "per row. Validated whole, each unit as a single PUT checks it, parents among the request or "
                    + "registered already: a 422 lists every bad row (errors[].row) and records nothing. Then parents "
                    + "first. Answers each unit's outcome (CREATED, REPLACED, UNCHANGED). A caller scoped to a unit "
                    + "registers units of its subtree only, as a single PUT would: a 403 lists every unit it may not.")
    @ScopedByHandler
    public Map<String, Object> putJson(@PathVariable int fiscalYear, @RequestBody JsonNode body) {
        return answer(fiscalYear, bulk.register(fiscalYear, ProfileRows.fromJson(body), RestRequests.recording(clock)));
    }

    @PutMapping(consumes = {Spreadsheets.CSV, Spreadsheets.XLSX})
    @ScopedByHandler
    public Map<String, Object> putTable(
            @PathVariable int fiscalYear,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody byte[] body) {
        List<ProfileRows.Item> items = ProfileRows.fromTable(Spreadsheets.rows(contentType, body));
        return answer(fiscalYear, bulk.register(fiscalYear, items, RestRequests.recording(clock)));
    }

    @PostMapping("/carry-forward")
    @Operation(
            operationId = "carryUnitProfilesForward",
            summary = "Register every unit profile of this year for the next year too",
            description = "Units already registered for the next year keep their profile there (UNCHANGED). "
                    + "Validated and answered as the bulk PUT. A caller scoped to a unit carries its subtree.")
    @ScopedByHandler
    public Map<String, Object> carryForward(@PathVariable int fiscalYear) {
        return answer(fiscalYear + 1, bulk.carryForward(fiscalYear, RestRequests.recording(clock)));
    }

    private static Map<String, Object> answer(int fiscalYear, List<BulkProfiles.Registered> done) {
        Map<String, Integer> counts = new TreeMap<>();
        done.forEach(r -> counts.merge(r.outcome().name(), 1, Integer::sum));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fiscalYear", fiscalYear);
        body.put("counts", counts);
        body.put(
                "units",
                done.stream()
                        .map(r -> Map.of(
                                "unitCode", r.unitCode(), "status", r.outcome().name()))
                        .toList());
        return body;
    }
}
