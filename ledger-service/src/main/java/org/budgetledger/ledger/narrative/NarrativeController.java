package org.budgetledger.ledger.narrative;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.ledger.narrative.domain.NarrativeRules;
import org.budgetledger.ledger.web.ApiException;
import org.budgetledger.ledger.web.RestRequests;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The unit's free text for its 情况说明. */
@RestController
@RequestMapping(path = "/api/v1/units/{unitCode}/years/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Units", description = "A budget unit's profile, narrative text and year close, per fiscal year")
public class NarrativeController {

    private final NarrativeService narratives;
    private final Clock clock;

    public NarrativeController(NarrativeService narratives, Clock clock) {
        this.narratives = narratives;
        this.clock = clock;
    }

    @PutMapping(path = "/narrative", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "putNarrative",
            summary = "Replace the free text of the explanatory part (情况说明); earlier versions stay in the ledger",
            description =
                    "Body: {\"sections\": {\"performance\": \"…\", \"reasons.noComparison\": \"…\", \"other\": \"…\"}}. "
                            + "The keys, where each prints and when, are listed in docs/NARRATIVE.md: duties, organization, reasons.income, "
                            + "reasons.expenditure, reasons.fiscal, reasons.general_budget, reasons.general_budget.{7-digit 项 code}, "
                            + "reasons.basic, reasons.sangong, reasons.operating_costs, reasons.noComparison, purposes.training, "
                            + "purposes.meetings, purposes.reception, purposes.overseas_travel, purposes.vehicles, performance, "
                            + "performance.report, other, contact, assets, assets.vehicles_held (a whole number). An unknown key, or a 项 "
                            + "the year's functional catalogue lacks, is 422. A key that cannot print for this unit and year as things "
                            + "stand (a reason for the change on Y−1 when Y−1 has no figures; reasons.noComparison when it has) is "
                            + "recorded, and the answer's warnings say why it will not print.")
    public Map<String, Object> narrative(
            @PathVariable String unitCode, @PathVariable int fiscalYear, @RequestBody JsonNode body) {
        LedgerId ledger = RestRequests.ledger(unitCode, fiscalYear);
        if (!body.isObject() || !body.path("sections").isObject()) {
            throw ApiException.unprocessable(
                    "sections.required", "sections", "sections is required: an object of section key to text");
        }
        Map<String, String> sections = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.get("sections").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ApiException.unprocessable(
                        "field.type", "sections." + e.getKey(), "sections." + e.getKey() + " must be a string");
            }
            sections.put(e.getKey(), e.getValue().textValue());
        }
        List<NarrativeRules.Warning> warnings =
                narratives.putNarrative(ledger, sections, RestRequests.recording(clock));
        return Map.of(
                "unitCode",
                unitCode,
                "fiscalYear",
                fiscalYear,
                "status",
                "RECORDED",
                "sections",
                sections.keySet(),
                "warnings",
                warnings);
    }
}
