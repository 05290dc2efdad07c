package org.budgetledger.projection.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.budgetledger.projection.finalaccounts.PublishedViews;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportTable;
import org.budgetledger.projection.report.render.CsvRenderer;
import org.budgetledger.projection.report.render.HtmlRenderer;
import org.budgetledger.projection.report.render.TextRenderer;
import org.budgetledger.projection.report.render.XlsxRenderer;
import org.budgetledger.projection.web.AsOf;
import org.budgetledger.projection.web.BadParameter;
import org.budgetledger.projection.web.NotFound;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/final-accounts/{unitCode}/{fiscalYear}")
@Tag(
        name = "Report",
        description = "The 部门决算公开 as a document: JSON, a printable web page, CSV and XLSX in the official layout")
public class ReportController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ReportService reports;
    private final PublishedViews published;
    private final RenderingCache renderings = new RenderingCache();

    public ReportController(ReportService reports, PublishedViews published) {
        this.reports = reports;
        this.published = published;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getReport",
            summary =
                    "The whole disclosure as JSON: 概况, the tables (rows in the official order with the catalogue's names), "
                            + "情况说明, 名词解释",
            description = "asOf: as a reader saw the figures at that instant (recorded time). publication: as that "
                    + "publication showed them (its recorded positions; the digest is checked).")
    public Report json(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            @RequestParam(required = false) String publication) {
        if (publication != null) {
            return published(unitCode, fiscalYear, asOf, publication);
        }
        return rendered(unitCode, fiscalYear, asOf, "json", () -> report(unitCode, fiscalYear, asOf));
    }

    @GetMapping(path = "/report", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(
            operationId = "getReportPage",
            summary = "The disclosure as a printable web page, laid out as the published document")
    public ResponseEntity<String> html(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            @RequestParam(required = false) String publication) {
        ResponseEntity.BodyBuilder page =
                ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8));
        if (publication != null) {
            return page.body(HtmlRenderer.render(published(unitCode, fiscalYear, asOf, publication)));
        }
        return page.body(rendered(
                unitCode, fiscalYear, asOf, "html", () -> HtmlRenderer.render(report(unitCode, fiscalYear, asOf))));
    }

    @GetMapping(path = "/report.xlsx")
    @Operation(
            operationId = "getReportWorkbook",
            summary = "Every table as a sheet of one workbook, in the official layout, with the 情况说明")
    public ResponseEntity<byte[]> xlsx(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            @RequestParam(required = false) String publication) {
        if (publication != null) {
            return download(
                    XlsxRenderer.render(published(unitCode, fiscalYear, asOf, publication)),
                    XLSX,
                    unitCode + "-" + fiscalYear + "-" + publication + ".xlsx");
        }
        return download(
                rendered(
                        unitCode,
                        fiscalYear,
                        asOf,
                        "xlsx",
                        () -> XlsxRenderer.render(report(unitCode, fiscalYear, asOf))),
                XLSX,
                unitCode + "-" + fiscalYear + ".xlsx");
    }

    @GetMapping(path = "/tables/{table}.csv")
    @Operation(
            operationId = "getTableCsv",
            summary =
                    "One table (01 … 09) as CSV in the official layout (UTF-8 with BOM, so spreadsheets open it right)")
    public ResponseEntity<byte[]> csv(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @PathVariable String table,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        return download(
                rendered(
                        unitCode,
                        fiscalYear,
                        asOf,
                        "csv:" + table,
                        () -> CsvRenderer.bytes(table(unitCode, fiscalYear, table, asOf))),
                CSV,
                unitCode + "-" + fiscalYear + "-" + table + ".csv");
    }

    @GetMapping(path = "/tables/{table}.txt", produces = "text/plain;charset=UTF-8")
    @Operation(operationId = "getTableText", summary = "One table as plain text, for a terminal")
    public String text(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @PathVariable String table,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        return rendered(
                unitCode,
                fiscalYear,
                asOf,
                "txt:" + table,
                () -> TextRenderer.render(table(unitCode, fiscalYear, table, asOf)));
    }

    /** A rendering again while nothing it was made from has moved (RenderingCache); made anew otherwise. */
    private <T> T rendered(
            String unitCode, int fiscalYear, Instant asOf, String rendering, java.util.function.Supplier<T> render) {
        Optional<ReportService.Stamp> stamp = reports.stamp(unitCode, fiscalYear);
        if (stamp.isEmpty()) {
            return render.get(); // nothing to cache: it answers what there is, or 404
        }
        return renderings.get(
                new RenderingCache.Key(unitCode, fiscalYear, AsOf.checked(asOf), rendering), stamp.get(), render);
    }

    private ReportTable table(String unitCode, int fiscalYear, String table, Instant asOf) {
        return report(unitCode, fiscalYear, asOf)
                .table(table)
                .orElseThrow(() -> new NotFound("the " + fiscalYear + " disclosure has no table " + table));
    }

    /** As a publication showed it: not cached (the digest is checked on every answer). */
    private Report published(String unitCode, int fiscalYear, Instant asOf, String publication) {
        if (asOf != null) {
            throw new BadParameter("publication", "ask for asOf or for a publication, not both");
        }
        return reports.report(unitCode, fiscalYear, published.view(unitCode, fiscalYear, publication))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
    }

    private Report report(String unitCode, int fiscalYear, Instant asOf) {
        return reports.report(unitCode, fiscalYear, AsOf.checked(asOf))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }
}
