package org.budgetledger.projection.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.kit.web.ErrorBody;
import org.budgetledger.projection.checks.domain.CheckResult;
import org.budgetledger.projection.checks.domain.Comparison;
import org.budgetledger.projection.published.domain.Problem;
import org.budgetledger.projection.published.domain.PublishedDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads a published document for the ledger, which records its figures (PUT …/published-figures on the ledger
 * service): the layout and the rules are the query side's knowledge, the record is the ledger's.
 */
@RestController
@Tag(name = "Published figures", description = "Reading the published figures of a year the ledger did not record")
public class PublishedFiguresController {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final PublishedFigures published;
    private final ObjectMapper json = Json.newMapper();

    public PublishedFiguresController(PublishedFigures published) {
        this.published = published;
    }

    @PostMapping(
            path = "/api/v1/final-accounts/{unitCode}/{fiscalYear}/published-figures/read",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "readPublishedFigures",
            summary = "Read and check a published document's figures (ADMIN; the ledger calls it)",
            description =
                    "Body: the .xlsx workbook in the official layout, one table's CSV (text/csv), or {\"cells\": {key: 万元}}. "
                            + "Answers {format, tables, cells: {key: fen}}; 422 with problems (table, row, column) when the layout cannot "
                            + "be read, or with the failing W and X rules and their figures.")
    public ResponseEntity<Map<String, Object>> read(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam UnitKind kind,
            @RequestParam(defaultValue = "published-figures") String fileName,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) {
        PublishedFigures.Format format = format(contentType, fileName, body);
        PublishedDocument.Reading reading;
        try {
            reading = published.read(
                    fiscalYear,
                    format,
                    body,
                    format == PublishedFigures.Format.JSON ? cells(body) : Map.of(),
                    fileName);
        } catch (DocumentFiles.Unreadable e) {
            return ErrorBody.answer(HttpStatus.UNPROCESSABLE_ENTITY, "file.unreadable", "file", e.getMessage());
        } catch (IllegalArgumentException e) {
            return ErrorBody.answer(HttpStatus.UNPROCESSABLE_ENTITY, "cells.required", "cells", e.getMessage());
        }
        if (!reading.readable()) {
            return unprocessable(
                    "layout.unreadable",
                    reading.problems().get(0).text(),
                    "problems",
                    reading.problems().stream()
                            .map(PublishedFiguresController::problem)
                            .toList());
        }
        List<CheckResult> failing = published.failing(unitCode, fiscalYear, kind, reading);
        if (!failing.isEmpty()) {
            return unprocessable(
                    "figures.rules_failed",
                    "the figures fail " + failing.size() + " rule(s) of their own tables, e.g. "
                            + failing.get(0).label() + " " + failing.get(0).nameZh(),
                    "failures",
                    failing.stream().map(PublishedFiguresController::failure).toList());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("format", format.name().toLowerCase());
        answer.put("tables", reading.tables());
        answer.put("cells", reading.cells());
        return ResponseEntity.ok(answer);
    }

    private static PublishedFigures.Format format(String contentType, String fileName, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        String name = fileName.toLowerCase();
        if (type.startsWith(MediaType.APPLICATION_JSON_VALUE) || name.endsWith(".json")) {
            return PublishedFigures.Format.JSON;
        }
        boolean zip = body.length > 1 && body[0] == 'P' && body[1] == 'K';
        if (type.startsWith(XLSX) || name.endsWith(".xlsx") || zip) {
            return PublishedFigures.Format.XLSX;
        }
        return PublishedFigures.Format.CSV;
    }

    /** {"cells": {key: "25.25" | 25.25}} → key → text. */
    private Map<String, String> cells(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.path("cells").isObject()) {
            throw new IllegalArgumentException("cells is required: an object of cell key to 万元");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("cells").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            cells.put(
                    e.getKey(),
                    e.getValue().isNumber()
                            ? e.getValue().decimalValue().toPlainString()
                            : e.getValue().asText());
        }
        return cells;
    }

    private static ResponseEntity<Map<String, Object>> unprocessable(
            String error, String message, String listName, List<?> list) {
        Map<String, Object> body =
                new LinkedHashMap<>(ErrorBody.answer(HttpStatus.UNPROCESSABLE_ENTITY, error, "file", message)
                        .getBody());
        body.put(listName, list);
        return ResponseEntity.unprocessableEntity().body(body);
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", p.table());
        m.put("row", p.row());
        m.put("column", p.column());
        m.put("message", p.message());
        return m;
    }

    private static Map<String, Object> failure(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", r.id());
        m.put("subject", r.subject());
        m.put("name", r.nameZh());
        m.put("description", r.description());
        m.put("comparisons", r.failing().stream().map(Comparison::render).toList());
        return m;
    }
}
