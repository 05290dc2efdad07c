package org.budgetledger.ledger.published;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.kit.web.ErrorBody;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.profile.ProfileService;
import org.budgetledger.ledger.web.ApiException;
import org.budgetledger.ledger.web.RestRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports the published figures of a year that the ledger did not record (most units arrive with last year's
 * disclosure only as a published document): read and checked by the projection service, recorded here as an event of
 * that year's ledger with the file's name and hash, so that every imported figure says where it came from.
 */
@RestController
@Tag(name = "Units", description = "A budget unit's profile, narrative text and year close, per fiscal year")
public class PublishedFiguresController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String JSON_EXAMPLE = """
            {"cells": {"01/income.general_budget/amount": "30.74", "01/income.total/amount": "30.74", "…": "…"}}""";

    private final ProfileService profiles;
    private final ProjectionReader reader;
    private final CommandGateway commands;
    private final Clock clock;

    public PublishedFiguresController(
            ProfileService profiles, ProjectionReader reader, CommandGateway commands, Clock clock) {
        this.profiles = profiles;
        this.reader = reader;
        this.commands = commands;
        this.clock = clock;
    }

    @PutMapping(
            path = "/api/v1/units/{unitCode}/years/{fiscalYear}/published-figures",
            consumes = {XLSX, "text/csv", MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "importPublishedFigures",
            summary = "Import the published figures of a year the ledger did not record (ADMIN)",
            description =
                    "Body: the .xlsx workbook of tables 公开01–08 (09 from 2020) in the official layout (our own report.xlsx, or the "
                            + "决算 software's export), matched by titles and row and column headings; or one table's CSV (text/csv, UTF-8); or "
                            + "{\"cells\": {key: 万元}} as GET …/cells answers them. The figures are recorded as a FiguresImported event of "
                            + "the year's ledger with the file's name (?fileName= or Content-Disposition) and SHA-256; a file of some tables "
                            + "replaces those tables' figures and keeps the others'. 201 IMPORTED, 200 UNCHANGED. 409 when the year holds "
                            + "postings (a year holds postings or imported figures, never both). 422 when the layout cannot be read (problems "
                            + "name the table, the row and the column) or the figures fail the W and X rules of their own tables (failures "
                            + "list each rule with its figures). Example: curl -X PUT -H 'X-API-Key: …' -H 'Content-Type: "
                            + XLSX
                            + "' --data-binary @2019.xlsx '…/api/v1/units/HT-CAC/years/2019/published-figures?fileName=2019.xlsx'",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"),
                                        examples = @ExampleObject(value = JSON_EXAMPLE))
                            }),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "recorded",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"))),
                @ApiResponse(
                        responseCode = "200",
                        description = "the year holds these figures already",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"))),
                @ApiResponse(
                        responseCode = "409",
                        description = "the year holds postings",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"))),
                @ApiResponse(
                        responseCode = "422",
                        description = "unreadable layout, or figures failing their tables' rules",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object")))
            })
    public ResponseEntity<Map<String, Object>> put(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @Parameter(description = "the file's name, recorded with its figures") @RequestParam(required = false)
                    String fileName,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.CONTENT_DISPOSITION, required = false) String disposition,
            @RequestHeader(value = "X-API-Key", required = false) String apiKey,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody byte[] body) {
        LedgerId ledger = RestRequests.ledger(unitCode, fiscalYear);
        UnitProfile profile = profiles.profile(ledger);
        String name = name(fileName, disposition, contentType);
        java.util.Optional<ProjectionReader.Answer> answered = reader.read(
                unitCode,
                fiscalYear,
                profile.kind(),
                name,
                contentType,
                body,
                new ProjectionReader.Credentials(apiKey, authorization));
        if (answered.isEmpty()) {
            return ErrorBody.retryLater(
                    5,
                    "projection.unavailable",
                    "the projection service, which reads published documents, "
                            + "did not answer: nothing was recorded");
        }
        ProjectionReader.Answer read = answered.get();
        if (read.status() != 200) {
            return relay(read);
        }
        Map<String, Long> cells = new TreeMap<>();
        read.body()
                .path("cells")
                .fields()
                .forEachRemaining(e -> cells.put(e.getKey(), e.getValue().longValue()));
        List<String> tables = new ArrayList<>();
        read.body().path("tables").forEach(t -> tables.add(t.asText()));
        FiguresImported.Source source = new FiguresImported.Source(
                name, sha256(body), read.body().path("format").asText(), tables);
        Commands.ImportOutcome outcome = commands.sendAndWait(
                new Commands.ImportFigures(ledger.toString(), cells, source, RestRequests.recording(clock)));
        return answer(ledger, source, cells.size(), outcome);
    }

    private ResponseEntity<Map<String, Object>> answer(
            LedgerId ledger, FiguresImported.Source source, int cells, Commands.ImportOutcome outcome) {
        return switch (outcome) {
            case HOLDS_POSTINGS ->
                ErrorBody.answer(
                        HttpStatus.CONFLICT,
                        "year.has_postings",
                        "fiscalYear",
                        "fiscalYear "
                                + ledger.fiscalYear() + " of " + ledger.unitCode()
                                + " holds postings: a year holds postings or imported "
                                + "figures, never both");
            case YEAR_CLOSED ->
                ErrorBody.answer(
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "year.closed",
                        "fiscalYear",
                        "fiscalYear " + ledger.fiscalYear() + " is closed for " + ledger.unitCode());
            case IMPORTED, UNCHANGED -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("unitCode", ledger.unitCode());
                answer.put("fiscalYear", ledger.fiscalYear());
                answer.put("status", outcome.name());
                answer.put("fileName", source.fileName());
                answer.put("sha256", source.sha256());
                answer.put("format", source.format());
                answer.put("tables", source.tables());
                answer.put("cells", cells);
                yield ResponseEntity.status(
                                outcome == Commands.ImportOutcome.IMPORTED ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(answer);
            }
        };
    }

    /** The projection's refusal as it gave it (422 with problems or failures, or its 401/403). */
    @SuppressWarnings("unchecked")
    private static ResponseEntity<Map<String, Object>> relay(ProjectionReader.Answer read) {
        Map<String, Object> body = org.budgetledger.contract.Json.newMapper().convertValue(read.body(), Map.class);
        return ResponseEntity.status(read.status()).body(body);
    }

    static String name(String fileName, String disposition, String contentType) {
        if (fileName != null && !fileName.isBlank()) {
            return clean(fileName);
        }
        if (disposition != null) {
            // RFC 6266: filename* (UTF-8, percent-encoded) for names beyond ASCII, else filename
            java.util.regex.Matcher utf8 = java.util.regex.Pattern.compile(
                            "filename\\*=UTF-8''([^;\\s]+)", java.util.regex.Pattern.CASE_INSENSITIVE)
                    .matcher(disposition);
            if (utf8.find()) {
                return clean(java.net.URLDecoder.decode(
                        utf8.group(1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            }
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("filename=\"?([^\";]+)\"?").matcher(disposition);
            if (m.find()) {
                return clean(m.group(1));
            }
        }
        String type = contentType == null ? "" : contentType;
        return "published-figures"
                + (type.startsWith(XLSX)
                        ? ".xlsx"
                        : type.startsWith("text/csv")
                                ? ".csv"
                                : type.startsWith(MediaType.APPLICATION_JSON_VALUE) ? ".json" : "");
    }

    /** A name as recorded: its last path segment, printable, at most 200 characters. */
    private static String clean(String name) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "")
                .strip();
        if (last.isEmpty()) {
            throw ApiException.unprocessable("fileName.format", "fileName", "fileName names no file: " + name);
        }
        return last.length() <= 200 ? last : last.substring(0, 200);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
