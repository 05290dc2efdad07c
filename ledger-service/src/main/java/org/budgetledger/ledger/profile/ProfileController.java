package org.budgetledger.ledger.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.aggregate.ProfileOutcome;
import org.budgetledger.ledger.web.RestRequests;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Profile a unit: PUT and GET its profile for a fiscal year, and what its ledger holds. */
@RestController
@RequestMapping(path = "/api/v1/units/{unitCode}/years/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Units", description = "A budget unit's profile, narrative text and year close, per fiscal year")
public class ProfileController {

    private static final String PROFILE_EXAMPLE = """
            {"name": "中共株洲市荷塘区委网络安全和信息化委员会办公室", "kind": "ADMINISTRATIVE", "parentUnitCode": null,
             "region": "湖南省株洲市荷塘区",
             "staffing": {"authorized": 3, "actual": 3, "active": 3, "retiredCadres": 0, "retired": 0},
             "duties": "贯彻执行国家、省、市有关网络安全与信息化建设的方针……"}""";

    private final ProfileService profiles;
    private final Clock clock;
    private final ProfileScope scope;

    public ProfileController(ProfileService profiles, Clock clock, ProfileScope scope) {
        this.profiles = profiles;
        this.clock = clock;
        this.scope = scope;
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "putUnitProfile",
            summary = "Create or replace a unit's profile for one fiscal year (idempotent)",
            description =
                    "name and kind are required. parentUnitCode names the unit (registered for the same year) whose "
                            + "final accounts consolidate this one; a cycle or an unregistered parent is 422. Answers 201 when created, "
                            + "200 when replaced or unchanged.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject(value = PROFILE_EXAMPLE))))
    @org.budgetledger.kit.scope.ScopedByHandler
    public ResponseEntity<Map<String, Object>> put(
            @PathVariable String unitCode, @PathVariable int fiscalYear, @RequestBody JsonNode body) {
        LedgerId ledger = RestRequests.ledger(unitCode, fiscalYear);
        UnitProfile profile = ProfileReader.read(body);
        scope.requireMayPut(unitCode, fiscalYear, profile.parentUnitCode());
        ProfileOutcome outcome = profiles.putProfile(ledger, profile, RestRequests.recording(clock));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unitCode", unitCode);
        answer.put("fiscalYear", fiscalYear);
        answer.put("status", outcome.name());
        answer.put("profile", profile);
        return ResponseEntity.status(outcome == ProfileOutcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer);
    }

    @GetMapping
    @Operation(operationId = "getUnitProfile", summary = "A unit's profile for one fiscal year")
    public UnitProfile get(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        return profiles.profile(RestRequests.ledger(unitCode, fiscalYear));
    }

    @GetMapping("/ledger")
    @Operation(
            operationId = "getLedgerState",
            summary = "The ledger's state: next sequence number, postings held, closed, available per fund source")
    public Commands.LedgerSummary ledgerState(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        return profiles.describe(RestRequests.ledger(unitCode, fiscalYear));
    }
}
