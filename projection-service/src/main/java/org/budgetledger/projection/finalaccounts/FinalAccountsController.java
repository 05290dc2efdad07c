package org.budgetledger.projection.finalaccounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.store.Imported;
import org.budgetledger.projection.web.AsOf;
import org.budgetledger.projection.web.BadParameter;
import org.budgetledger.projection.web.NotFound;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/final-accounts/{unitCode}/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Final accounts", description = "The figures of the 部门决算公开 (docs/CELLS.md keys) and their audit trail")
public class FinalAccountsController {

    private final FinalAccounts accounts;
    private final CellsCache cache = new CellsCache();
    private final ObjectMapper web;
    private final PublishedViews published;

    /** {@code web} is the mapper Spring MVC answers with, so a cached answer is byte for byte what it would write. */
    public FinalAccountsController(FinalAccounts accounts, ObjectMapper web, PublishedViews published) {
        this.accounts = accounts;
        this.web = web;
        this.published = published;
    }

    @GetMapping("/cells")
    @Operation(
            operationId = "getCells",
            summary = "Every non-zero published figure (万元, 2 decimals, rounded half-up once from the exact total)",
            description =
                    "Consolidated over the unit and its descendants, or the unit alone with scope=self. position counts "
                            + "the events the figures include (positions: per ledger), so a reader can wait for a posting it made. "
                            + "With asOf (recorded time), the figures as they stood then, and the positions as of then: each "
                            + "ledger's figures are those of its first position events, up to the last posting (or imported "
                            + "figures) recorded at or before asOf; 0 before any; every event once asOf is at or after the "
                            + "ledger's latest recording. An event that moves no figure (profile, narrative, close) recorded "
                            + "after that posting and before asOf is not counted. docs/CELLS.md, Reading cells. "
                            + "publication: the cells as that publication showed them (see the Publications endpoints).")
    @ApiResponse(
            responseCode = "200",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
    public ResponseEntity<byte[]> cells(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(defaultValue = "department") String scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            @RequestParam(required = false) String publication)
            throws JsonProcessingException {
        if (publication != null) {
            return json(web.writeValueAsBytes(asPublished(unitCode, fiscalYear, scope, asOf, publication)));
        }
        CellsCache.Key key = new CellsCache.Key(unitCode, fiscalYear, scope(scope));
        FinalAccounts.Positions current = asOf == null
                ? accounts.positions(unitCode, fiscalYear, key.scope()).orElse(null)
                : null;
        byte[] cached = current == null ? null : cache.get(key, current);
        if (cached != null) {
            return json(cached);
        }
        FinalAccounts.View view = view(unitCode, fiscalYear, scope, asOf);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", unitCode);
        body.put("fiscalYear", fiscalYear);
        body.put("scope", view.scope().name().toLowerCase());
        if (asOf != null) {
            body.put("asOf", asOf);
        }
        body.put("position", view.position());
        body.put("positions", view.positions());
        body.put("cells", view.figures().published());
        List<Map<String, Object>> imported = imported(view.parts());
        if (!imported.isEmpty()) {
            body.put("imported", imported); // the figures of these units are published figures imported from a document
        }
        // written once per change of the figures, not once per reader: JSON was a quarter of a cached answer's CPU
        byte[] written = web.writeValueAsBytes(body);
        if (current != null && current.of(view)) {
            cache.put(key, current, written);
        }
        return json(written);
    }

    /** The cells as a publication showed them; consolidated only, as it was published. */
    private Map<String, Object> asPublished(
            String unitCode, int fiscalYear, String scope, Instant asOf, String publication) {
        if (asOf != null || scope(scope) != FinalAccounts.Scope.DEPARTMENT) {
            throw new BadParameter("publication", "a publication is of the consolidated cells: no asOf, no scope=self");
        }
        FinalAccounts.View view = published.view(unitCode, fiscalYear, publication);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", unitCode);
        body.put("fiscalYear", fiscalYear);
        body.put("scope", view.scope().name().toLowerCase());
        body.put("publication", publication);
        body.put("position", view.position());
        body.put("positions", view.positions());
        body.put("cells", view.figures().published());
        return body;
    }

    private static ResponseEntity<byte[]> json(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping({"/cells/{cellKey}/audit", "/cells/{table}/{row}/{column}/audit"})
    @Operation(
            operationId = "getCellAudit",
            summary =
                    "Every posting behind a figure: reversals as negative lines; the lines (yuan) add up to the cell (万元)",
            description = "The cell key's '/' may be URL-encoded (%2F) or not.")
    public Map<String, Object> audit(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @PathVariable(required = false) String cellKey,
            @PathVariable(required = false) String table,
            @PathVariable(required = false) String row,
            @PathVariable(required = false) String column,
            @RequestParam(defaultValue = "department") String scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        String key = cellKey != null ? cellKey : table + "/" + row + "/" + column;
        List<FinalAccounts.AuditLine> lines = accounts.audit(
                        unitCode, fiscalYear, scope(scope), key, AsOf.checked(asOf))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
        List<Map<String, Object>> out =
                lines.stream().map(FinalAccountsController::line).toList();
        List<FinalAccounts.ImportLine> fromFiles =
                accounts.importedLines(unitCode, fiscalYear, scope(scope), key, AsOf.checked(asOf));
        Money total = FinalAccounts.sum(lines)
                .plus(Money.ofFen(fromFiles.stream()
                        .mapToLong(FinalAccounts.ImportLine::fen)
                        .sum()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cell", key);
        body.put("value", total.toWanYuan());
        body.put("exactYuan", total.toString());
        body.put("lines", out);
        if (!fromFiles.isEmpty()) {
            // a year of published figures imported from a document: the figure's source is the file, not postings
            body.put(
                    "imported",
                    fromFiles.stream().map(FinalAccountsController::importLine).toList());
        }
        return body;
    }

    @GetMapping(path = "/audit", produces = "application/x-ndjson")
    @Operation(
            operationId = "exportAudit",
            summary = "Every published figure with its audit lines, as JSON Lines (one cell per line), for audit tools")
    public void auditExport(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(defaultValue = "department") String scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        Map<String, List<FinalAccounts.AuditLine>> all = accounts.auditAll(
                        unitCode, fiscalYear, scope(scope), AsOf.checked(asOf))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
        response.setContentType("application/x-ndjson");
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"" + unitCode + "-" + fiscalYear + "-audit.jsonl\"");
        var out = response.getOutputStream();
        for (Map.Entry<String, List<FinalAccounts.AuditLine>> cell : all.entrySet()) {
            Map<String, Object> line = new LinkedHashMap<>();
            Money total = FinalAccounts.sum(cell.getValue());
            line.put("cell", cell.getKey());
            line.put("value", total.toWanYuan());
            line.put("exactYuan", total.toString());
            line.put(
                    "lines",
                    cell.getValue().stream().map(FinalAccountsController::line).toList());
            out.write(JSON.writeValueAsBytes(line));
            out.write('\n');
        }
        out.flush();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = org.budgetledger.contract.Json.newMapper();

    private FinalAccounts.View view(String unitCode, int fiscalYear, String scope, Instant asOf) {
        return accounts.figures(unitCode, fiscalYear, scope(scope), AsOf.checked(asOf))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
    }

    private static Map<String, Object> line(FinalAccounts.AuditLine l) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("postingId", l.entry().posting().postingId());
        line.put("sourceSystem", l.entry().posting().sourceSystem());
        line.put("type", l.entry().posting().type());
        line.put("amount", Money.ofFen(l.contributionFen()).toString());
        line.put(
                "occurredOn",
                l.entry().isReversal()
                        ? l.entry().reversed().occurredOn()
                        : l.entry().posting().occurredOn());
        line.put("recordedAt", l.entry().recordedAt());
        line.put("eventId", l.entry().eventId());
        line.put("unitCode", l.unit().unitCode());
        line.put("sequence", l.entry().sequence());
        if (l.entry().isReversal()) {
            line.put("reverses", l.entry().reversed().postingId());
        }
        return line;
    }

    private static List<Map<String, Object>> imported(List<FinalAccounts.Part> parts) {
        return parts.stream()
                .filter(p -> p.imported() != null)
                .map(p -> {
                    Map<String, Object> m = source(p.imported());
                    m.put("unitCode", p.unit().unitCode());
                    return m;
                })
                .toList();
    }

    private static Map<String, Object> importLine(FinalAccounts.ImportLine l) {
        Map<String, Object> line = source(l.imported());
        line.put("unitCode", l.unit().unitCode());
        line.put("amount", Money.ofFen(l.fen()).toString());
        return line;
    }

    private static Map<String, Object> source(Imported imported) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileName", imported.source().fileName());
        m.put("sha256", imported.source().sha256());
        m.put("format", imported.source().format());
        m.put("tables", imported.source().tables());
        m.put("sequence", imported.sequence());
        m.put("recordedAt", imported.recordedAt());
        return m;
    }

    /** The scope parameter as every final-accounts endpoint reads it: department (or consolidated) or self. */
    public static FinalAccounts.Scope scope(String scope) {
        return switch (scope.toLowerCase()) {
            case "self" -> FinalAccounts.Scope.SELF;
            case "department", "consolidated" -> FinalAccounts.Scope.DEPARTMENT;
            default -> throw new IllegalArgumentException("scope must be department or self");
        };
    }
}
