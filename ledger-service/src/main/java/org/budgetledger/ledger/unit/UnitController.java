package org.budgetledger.ledger.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.posting.PostingResult;
import org.budgetledger.ledger.posting.domain.Commands;
import org.budgetledger.ledger.posting.domain.ProfileOutcome;
import org.budgetledger.ledger.unit.domain.NarrativeRules;
import org.budgetledger.ledger.web.ApiException;
import org.budgetledger.ledger.web.CorrelationFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping(path = "/api/v1/units/{unitCode}/years/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Units", description = "A budget unit's profile, narrative text and year close, per fiscal year")
public class UnitController {

    private static final String PROFILE_EXAMPLE = """
            {"name": "中共株洲市荷塘区委网络安全和信息化委员会办公室", "kind": "ADMINISTRATIVE", "parentUnitCode": null,
             "region": "湖南省株洲市荷塘区",
             "staffing": {"authorized": 3, "actual": 3, "active": 3, "retiredCadres": 0, "retired": 0},
             "duties": "贯彻执行国家、省、市有关网络安全与信息化建设的方针……"}""";

    private final UnitService units;

    public UnitController(UnitService units) {
        this.units = units;
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putUnitProfile", summary = "Create or replace a unit's profile for one fiscal year (idempotent)",
            description = "name and kind are required. parentUnitCode names the unit (registered for the same year) whose "
                    + "final accounts consolidate this one; a cycle or an unregistered parent is 422. Answers 201 when created, "
                    + "200 when replaced or unchanged.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = PROFILE_EXAMPLE))))
    public ResponseEntity<Map<String, Object>> put(@PathVariable String unitCode, @PathVariable int fiscalYear, @RequestBody JsonNode body) {
        LedgerId ledger = ledger(unitCode, fiscalYear);
        UnitProfile profile = ProfileReader.read(body);
        ProfileOutcome outcome = units.putProfile(ledger, profile, recording());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unitCode", unitCode);
        answer.put("fiscalYear", fiscalYear);
        answer.put("status", outcome.name());
        answer.put("profile", profile);
        return ResponseEntity.status(outcome == ProfileOutcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @GetMapping
    @Operation(operationId = "getUnitProfile", summary = "A unit's profile for one fiscal year")
    public UnitProfile get(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        return units.profile(ledger(unitCode, fiscalYear));
    }

    @GetMapping("/ledger")
    @Operation(operationId = "getLedgerState", summary = "The ledger's state: next sequence number, postings held, closed, available per fund source")
    public Commands.LedgerSummary ledgerState(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        return units.describe(ledger(unitCode, fiscalYear));
    }

    @PutMapping(path = "/narrative", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putNarrative", summary = "Replace the free text of the explanatory part (情况说明); earlier versions stay in the ledger",
            description = "Body: {\"sections\": {\"performance\": \"…\", \"reasons.noComparison\": \"…\", \"other\": \"…\"}}. "
                    + "The keys, where each prints and when, are listed in docs/NARRATIVE.md: duties, organization, reasons.income, "
                    + "reasons.expenditure, reasons.fiscal, reasons.general_budget, reasons.general_budget.{7-digit 项 code}, "
                    + "reasons.basic, reasons.sangong, reasons.operating_costs, reasons.noComparison, purposes.training, "
                    + "purposes.meetings, purposes.reception, purposes.overseas_travel, purposes.vehicles, performance, "
                    + "performance.report, other, contact, assets, assets.vehicles_held (a whole number). An unknown key, or a 项 "
                    + "the year's functional catalogue lacks, is 422. A key that cannot print for this unit and year as things "
                    + "stand (a reason for the change on Y−1 when Y−1 has no figures; reasons.noComparison when it has) is "
                    + "recorded, and the answer's warnings say why it will not print.")
    public Map<String, Object> narrative(@PathVariable String unitCode, @PathVariable int fiscalYear, @RequestBody JsonNode body) {
        LedgerId ledger = ledger(unitCode, fiscalYear);
        if (!body.isObject() || !body.path("sections").isObject()) {
            throw ApiException.unprocessable("sections.required", "sections", "sections is required: an object of section key to text");
        }
        Map<String, String> sections = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.get("sections").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ApiException.unprocessable("field.type", "sections." + e.getKey(), "sections." + e.getKey() + " must be a string");
            }
            sections.put(e.getKey(), e.getValue().textValue());
        }
        List<NarrativeRules.Warning> warnings = units.putNarrative(ledger, sections, recording());
        return Map.of("unitCode", unitCode, "fiscalYear", fiscalYear, "status", "RECORDED", "sections", sections.keySet(),
                "warnings", warnings);
    }

    @PostMapping("/close")
    @Operation(operationId = "closeYear", summary = "Close the year: no further postings; closing balances become next year's opening balances",
            description = "Closing balances (年末结转和结余) per fund source, functional code and basic/project are recorded in the "
                    + "next year as OPENING_BALANCE postings of source system \"year-close\" whose ids the YearClosed event lists. "
                    + "Repeating the close is safe and completes an interrupted one. The answer's digest is the head of the "
                    + "ledger's hash chain after the close: keep it outside the system and check it later with /verify?digest=.")
    public Map<String, Object> close(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        UnitService.Closing closing = units.close(ledger(unitCode, fiscalYear), recording());
        List<Map<String, Object>> balances = new ArrayList<>();
        for (YearClosed.ClosingBalance b : closing.closed().closingBalances()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("fundSource", b.fundSource());
            line.put("functionalCode", b.functionalCode());
            line.put("expenditureKind", b.expenditureKind());
            line.put("amount", b.amount());
            line.put("openingPostingId", b.openingPostingId());
            balances.add(line);
        }
        List<Map<String, Object>> openings = new ArrayList<>();
        for (PostingResult r : closing.openings()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("postingId", r.outcome().postingId());
            line.put("status", r.outcome().status());
            if (r.outcome().violation() != null) {
                line.put("error", r.outcome().violation().error());
                line.put("message", r.outcome().violation().message());
            }
            openings.add(line);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unitCode", unitCode);
        answer.put("fiscalYear", fiscalYear);
        answer.put("status", "CLOSED");
        answer.put("digest", closing.digest());
        answer.put("closingBalances", balances);
        answer.put("nextYear", fiscalYear + 1);
        answer.put("nextYearProfileCarried", closing.nextYearProfileCarried());
        answer.put("openings", openings);
        return answer;
    }

    private static LedgerId ledger(String unitCode, int fiscalYear) {
        try {
            return new LedgerId(unitCode, fiscalYear);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("path", "unitCode", e.getMessage());
        }
    }

    private Recording recording() {
        return new Recording(units.clock().instant(), CorrelationFilter.current(), "rest");
    }
}
