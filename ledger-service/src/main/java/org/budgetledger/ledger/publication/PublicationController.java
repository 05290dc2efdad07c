package org.budgetledger.ledger.publication;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.web.ApiException;
import org.budgetledger.ledger.web.RestRequests;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A publication of the unit's disclosure, recorded in its ledger (the projection asks, on behalf of its ADMIN). */
@RestController
@RequestMapping(path = "/api/v1/units/{unitCode}/years/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Units", description = "A budget unit's profile, narrative text and year close, per fiscal year")
public class PublicationController {

    private final PublicationService publications;
    private final Clock clock;

    public PublicationController(PublicationService publications, Clock clock) {
        this.publications = publications;
        this.clock = clock;
    }

    @PostMapping(path = "/publications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "recordPublication",
            summary = "Record that the unit's disclosure was published (an event in its ledger's hash chain)",
            description = "Called by projection-service, which computes the cells and their digest: body "
                    + "{\"positions\": {\"UNIT:YEAR\": n, …}, \"digest\": \"<sha-256 hex>\", \"cellCount\": n, \"note\": \"…\"}. "
                    + "People publish through POST /api/v1/final-accounts/{unit}/{year}/publications of projection-service. "
                    + "Allowed after the year is closed: publishing changes no figure. docs/PUBLICATIONS.md.")
    public Map<String, Object> publish(
            @PathVariable String unitCode, @PathVariable int fiscalYear, @RequestBody JsonNode body) {
        LedgerId ledger = RestRequests.ledger(unitCode, fiscalYear);
        Commands.Published published = publications.publish(ledger, request(body), RestRequests.recording(clock));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", published.publicationId());
        answer.put("publishedAt", published.publishedAt());
        answer.put("sequence", published.sequence());
        return answer;
    }

    private static PublicationService.Request request(JsonNode body) {
        if (!body.isObject() || !body.path("positions").isObject()) {
            throw ApiException.unprocessable(
                    "positions.required", "positions", "positions is required: an object of ledger to event count");
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.get("positions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToExactIntegral() || !e.getValue().canConvertToLong()) {
                throw ApiException.unprocessable(
                        "field.type", "positions." + e.getKey(), "positions." + e.getKey() + " must be a whole number");
            }
            positions.put(e.getKey(), e.getValue().longValue());
        }
        JsonNode digest = body.path("digest");
        JsonNode count = body.path("cellCount");
        JsonNode note = body.path("note");
        if (!count.isMissingNode() && !count.canConvertToInt()) {
            throw ApiException.unprocessable("field.type", "cellCount", "cellCount must be a whole number");
        }
        if (!note.isMissingNode() && !note.isNull() && !note.isTextual()) {
            throw ApiException.unprocessable("field.type", "note", "note must be a string");
        }
        return new PublicationService.Request(
                positions,
                digest.isTextual() ? digest.textValue() : null,
                count.isMissingNode() ? 0 : count.intValue(),
                note.isTextual() ? note.textValue() : null);
    }
}
