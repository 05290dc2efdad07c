package org.budgetledger.projection.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.kit.scope.ScopedByHandler;
import org.budgetledger.projection.web.NotFound;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/postings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "From a posting to everything it touched")
public class PostingTrailController {

    private final PostingTrail trails;

    public PostingTrailController(PostingTrail trails) {
        this.trails = trails;
    }

    @GetMapping("/{sourceSystem}/{postingId}")
    @Operation(
            operationId = "getPostingTrail",
            summary =
                    "A posting's events, status (recorded, or reversed by which posting) and the cells it contributes to",
            description =
                    "cells: signed yuan per cell key of the posting's own unit; the same amounts reach the consolidated figures "
                            + "of every unit listed in consolidatedInto.")
    @ScopedByHandler
    public Map<String, Object> trail(@PathVariable String sourceSystem, @PathVariable String postingId) {
        PostingTrail.Trail t = trails.find(sourceSystem, postingId) // in the caller's scope (PostingTrail)
                .orElseThrow(() -> new NotFound("no posting " + postingId + " of source system " + sourceSystem));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("postingId", postingId);
        body.put("sourceSystem", sourceSystem);
        body.put("ledger", t.ledger());
        body.put("status", t.reversedBy() != null ? "REVERSED" : "RECORDED");
        if (t.reversedBy() != null) {
            body.put("reversedBy", t.reversedBy());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sequence", t.entry().sequence());
        event.put("eventId", t.entry().eventId());
        event.put("recordedAt", t.entry().recordedAt());
        event.put("correlationId", t.entry().correlationId());
        event.put("origin", t.entry().origin());
        event.put("actor", t.entry().actor());
        body.put("event", event);
        body.put("posting", t.entry().posting());
        if (t.entry().isReversal()) {
            body.put("reverses", t.entry().reversed());
        }
        body.put("cells", t.cells());
        body.put("consolidatedInto", t.consolidatedInto());
        return body;
    }
}
