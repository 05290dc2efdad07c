package org.budgetledger.projection.publication;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.publication.domain.PublishedCells;
import org.budgetledger.projection.store.Publications.Publication;
import org.budgetledger.projection.web.BadParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the public saw: publications of the disclosure, their cells, and what has changed since. */
@RestController
@RequestMapping(
        path = "/api/v1/final-accounts/{unitCode}/{fiscalYear}/publications",
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Publications", description = "Publications of the disclosure, kept in the unit's hash chain")
public class PublicationController {

    private final PublicationService publications;

    public PublicationController(PublicationService publications) {
        this.publications = publications;
    }

    @PostMapping
    @Operation(
            operationId = "publish",
            summary = "Record that the disclosure (consolidated, as the cells endpoint answers it) is published now",
            description =
                    "ADMIN. Optional body {\"note\": \"…\"} (at most 2,000 characters). The projection computes the "
                            + "cells at the positions it holds, their SHA-256 digest in the canonical form of docs/PUBLICATIONS.md, "
                            + "and asks the ledger service to record a PublicationRecorded event in the unit's ledger (with the "
                            + "caller's credentials). 201 with {id, publishedAt, positions, digest}.")
    public ResponseEntity<Object> publish(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestBody(required = false) JsonNode body,
            HttpServletRequest request) {
        String note = note(body);
        LedgerPublisher.Credentials caller = new LedgerPublisher.Credentials(
                request.getHeader("X-API-Key"), request.getHeader(HttpHeaders.AUTHORIZATION));
        try {
            Publication p = publications.publish(unitCode, fiscalYear, note, caller);
            return ResponseEntity.status(HttpStatus.CREATED).body(summary(p));
        } catch (LedgerPublisher.LedgerRefused refused) {
            // the ledger's own answer (422 naming the field, 404, 403): it decided, the caller reads its reasons
            return ResponseEntity.status(refused.status())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(refused.body());
        }
    }

    @GetMapping
    @Operation(operationId = "listPublications", summary = "Every publication of the disclosure, oldest first")
    public Map<String, Object> list(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        List<Map<String, Object>> all = publications.list(unitCode, fiscalYear).stream()
                .map(PublicationController::summary)
                .toList();
        return Map.of("publications", all);
    }

    @GetMapping("/{publicationId}/cells")
    @Operation(
            operationId = "getPublishedCells",
            summary = "The cells exactly as published, recomputed from the history at the recorded positions",
            description =
                    "Their digest recomputes to the recorded one (it is checked on every answer; a difference is a "
                            + "divergence of the projection, answered 500 and shown on the health).")
    public Map<String, Object> cells(
            @PathVariable String unitCode, @PathVariable int fiscalYear, @PathVariable String publicationId) {
        Publication p = publications.find(unitCode, fiscalYear, publicationId);
        FinalAccounts.View view = publications.asPublished(unitCode, fiscalYear, p);
        Map<String, Object> body = summary(p);
        body.put("unitCode", unitCode);
        body.put("fiscalYear", fiscalYear);
        body.put("cells", view.figures().published());
        return body;
    }

    @GetMapping("/{publicationId}/changes")
    @Operation(
            operationId = "getPublicationChanges",
            summary = "Every cell whose printed value differs now from the published one, with the postings since",
            description = "published and current are printed as the cells endpoint prints them (万元; 0.00 for a cell it "
                    + "leaves out). postings: those recorded after the publication that moved the cell, with their "
                    + "contribution to it in yuan (reversals negative).")
    public Map<String, Object> changes(
            @PathVariable String unitCode, @PathVariable int fiscalYear, @PathVariable String publicationId) {
        Publication p = publications.find(unitCode, fiscalYear, publicationId);
        List<Map<String, Object>> changes = publications.changes(unitCode, fiscalYear, p).stream()
                .map(PublicationController::change)
                .toList();
        Map<String, Object> body = summary(p);
        body.put("changes", changes);
        return body;
    }

    private static String note(JsonNode body) {
        if (body == null || body.isNull() || (body.isObject() && !body.has("note"))) {
            return null;
        }
        if (!body.isObject()
                || !(body.get("note").isTextual() || body.get("note").isNull())) {
            throw new BadParameter("note", "note must be a string");
        }
        return body.get("note").isNull() ? null : body.get("note").textValue();
    }

    static Map<String, Object> summary(Publication p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("publishedAt", p.publishedAt());
        body.put("positions", p.positions());
        body.put("digest", p.digest());
        body.put("cellCount", p.cellCount());
        body.put("note", p.note());
        body.put("sequence", p.sequence());
        return body;
    }

    private static Map<String, Object> change(PublicationService.CellChange c) {
        PublishedCells.Change change = c.change();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cellKey", change.cellKey());
        body.put("published", change.published());
        body.put("current", change.current());
        body.put(
                "postings",
                c.postings().stream()
                        .map(l -> {
                            Map<String, Object> posting = new LinkedHashMap<>();
                            posting.put("sourceSystem", l.entry().posting().sourceSystem());
                            posting.put("postingId", l.entry().posting().postingId());
                            posting.put("recordedAt", l.entry().recordedAt());
                            posting.put(
                                    "amount", Money.ofFen(l.contributionFen()).toString());
                            posting.put("unitCode", l.unit().unitCode());
                            return posting;
                        })
                        .toList());
        return body;
    }
}
