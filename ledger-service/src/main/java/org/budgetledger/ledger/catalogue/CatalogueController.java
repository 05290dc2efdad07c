package org.budgetledger.ledger.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.ledger.catalogue.domain.CatalogueBook;
import org.budgetledger.ledger.catalogue.domain.CatalogueSheet;
import org.budgetledger.ledger.relay.StreamRegistry;
import org.budgetledger.ledger.web.ApiException;
import org.budgetledger.ledger.web.RestRequests;
import org.budgetledger.ledger.web.Spreadsheets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/catalogues")
@Tag(name = "Catalogues", description = "支出功能分类 and 支出经济分类 codes with their names, per fiscal year")
public class CatalogueController {

    private final CatalogueView view;
    private final CommandGateway commands;
    private final StreamRegistry registry;
    private final Clock clock;
    private final CodeUsage usage;
    private final java.time.Duration settle;

    public CatalogueController(
            CatalogueView view,
            CommandGateway commands,
            StreamRegistry registry,
            Clock clock,
            CodeUsage usage,
            @org.springframework.beans.factory.annotation.Value("${ledger.catalogue.refresh:5s}")
                    java.time.Duration refresh) {
        this.usage = usage;
        this.settle = refresh.plusSeconds(1);
        this.view = view;
        this.commands = commands;
        this.registry = registry;
        this.clock = clock;
    }

    @GetMapping
    @org.budgetledger.kit.scope.AnyScope
    @Operation(operationId = "listCatalogueYears", summary = "The fiscal years with catalogues and their sizes")
    public List<Map<String, Object>> years() {
        List<Map<String, Object>> years = new ArrayList<>();
        for (int year : view.years()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fiscalYear", year);
            for (CatalogueKind kind : CatalogueKind.values()) {
                entry.put(kind.path(), view.of(year, kind).map(Catalogue::size).orElse(0));
            }
            years.add(entry);
        }
        return years;
    }

    @GetMapping("/{fiscalYear}/{kind}")
    @org.budgetledger.kit.scope.AnyScope
    @Operation(operationId = "getCatalogue", summary = "A year's catalogue: every code with its name")
    public Map<String, Object> get(@PathVariable int fiscalYear, @PathVariable String kind) {
        CatalogueKind k = kind(kind);
        Catalogue catalogue = view.of(fiscalYear, k)
                .orElseThrow(() ->
                        ApiException.notFound("catalogue.missing", "no " + k.path() + " catalogue for " + fiscalYear));
        return answer(catalogue, null);
    }

    @PutMapping(path = "/{fiscalYear}/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "putCatalogue",
            summary = "Add or rename codes of a year's catalogue (never deletes); creates the year if new",
            description =
                    "Body: {\"codes\": [{\"code\": \"2013701\", \"name\": \"行政运行\"}]}. A code's 类 and 款 must exist "
                            + "or come in the same request. Answers with the catalogue's size.")
    public Map<String, Object> put(
            @PathVariable int fiscalYear, @PathVariable String kind, @RequestBody JsonNode body) {
        CatalogueKind k = kind(kind);
        requireYear(fiscalYear);
        JsonNode codes = body.get("codes");
        if (codes == null || !codes.isArray()) {
            throw ApiException.unprocessable(
                    "codes.required", "codes", "codes is required: an array of {\"code\", \"name\"}");
        }
        if (codes.size() > CatalogueBook.MAX_CODES_PER_REVISION) {
            throw ApiException.unprocessable(
                    "codes.too_many",
                    "codes",
                    "codes has " + codes.size() + " entries, at most " + CatalogueBook.MAX_CODES_PER_REVISION
                            + " per request");
        }
        List<CatalogueEntry> entries = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            JsonNode c = codes.get(i);
            if (!c.isObject() || !c.path("code").isTextual() || !c.path("name").isTextual()) {
                throw ApiException.unprocessable(
                        "codes.shape",
                        "codes[" + i + "]",
                        "codes[" + i + "] must be an object with string fields code and name");
            }
            entries.add(new CatalogueEntry(
                    c.get("code").asText(), c.get("name").asText().strip()));
        }
        String stream = CatalogueBook.streamId(fiscalYear, k);
        registry.register(stream, CatalogueView.STREAM_KIND);
        CatalogueBook.Revision revision = commands.sendAndWait(new CatalogueBook.ReviseCatalogue(
                stream, fiscalYear, k, entries, List.of(), RestRequests.recording(clock)));
        if (revision.error() != null) {
            throw ApiException.unprocessable(revision.error(), revision.field(), revision.message());
        }
        view.revised();
        return answer(revision.catalogue(), revision.changed());
    }

    @PutMapping(
            path = "/{fiscalYear}/{kind}",
            consumes = {Spreadsheets.CSV, Spreadsheets.XLSX})
    @Operation(
            operationId = "importCatalogue",
            summary = "Add or rename codes of a year's catalogue from the ministry's spreadsheet (XLSX or CSV)",
            description = "Body: the file itself, Content-Type text/csv (UTF-8 or GB18030) or the XLSX type. Its first "
                    + "sheet: title rows, a heading row naming a code column (科目编码, 编码, code) and a name column "
                    + "(科目名称, 名称, name), or the ministry's 类/款/项 columns, then a code per row; rows without a "
                    + "code are skipped. Validated whole: every bad row is listed (errors[].row), nothing is recorded. "
                    + "Answers what was added, renamed and removed, how many codes were unchanged, and how many codes "
                    + "of the catalogue the file does not have. Those are kept, unless removeMissing=true: then they "
                    + "are removed, and if a recorded posting of the year uses one (or a code under it) nothing is "
                    + "recorded and the answer lists each such code with a posting (422 catalogue.code_in_use). A "
                    + "removing import answers after the catalogue refresh interval and a second; it reads the usage "
                    + "again then, and puts back (keptInUse) any code a posting recorded meanwhile uses.")
    public Map<String, Object> importFile(
            @PathVariable int fiscalYear,
            @PathVariable String kind,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestParam(defaultValue = "false") boolean removeMissing,
            @RequestBody byte[] body) {
        CatalogueKind k = kind(kind);
        requireYear(fiscalYear);
        List<List<String>> cells = Spreadsheets.rows(contentType, body);
        CatalogueSheet.Parsed parsed = CatalogueSheet.parse(cells, k);
        Catalogue before = view.of(fiscalYear, k).orElse(Catalogue.empty(fiscalYear, k));
        List<CatalogueSheet.Problem> problems = new ArrayList<>(parsed.problems());
        problems.addAll(orphans(parsed, removeMissing ? Catalogue.empty(fiscalYear, k) : before, k));
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable(
                            "file.rows",
                            "body",
                            problems.size() + " row(s) of the file cannot be imported; nothing was recorded")
                    .withErrors(problems.stream()
                            .map(p ->
                                    Map.<String, Object>of("row", p.row(), "field", p.field(), "message", p.message()))
                            .toList());
        }
        List<CatalogueEntry> entries =
                parsed.rows().stream().map(CatalogueSheet.Row::entry).toList();
        List<String> remove = removeMissing ? missing(before, entries) : List.of();
        requireUnused(fiscalYear, k, remove);
        String stream = CatalogueBook.streamId(fiscalYear, k);
        registry.register(stream, CatalogueView.STREAM_KIND);
        CatalogueBook.Revision revision = commands.sendAndWait(new CatalogueBook.ReviseCatalogue(
                stream, fiscalYear, k, entries, remove, RestRequests.recording(clock, "file")));
        if (revision.error() != null) {
            throw ApiException.unprocessable(revision.error(), revision.field(), revision.message());
        }
        view.revised();
        if (remove.isEmpty()) {
            return imported(before, revision.catalogue(), entries, parsed.skipped());
        }
        Map<String, CodeUsage.Use> raced = putBackRaced(fiscalYear, k, stream, remove, before);
        Catalogue after = view.of(fiscalYear, k).orElse(revision.catalogue());
        Map<String, Object> answer = imported(before, after, entries, parsed.skipped());
        answer.put(
                "keptInUse",
                raced.entrySet().stream()
                        .map(u -> Map.of(
                                "code", u.getKey(),
                                "ledger", u.getValue().ledger(),
                                "postingId", u.getValue().postingId()))
                        .toList());
        return answer;
    }

    /**
     * A posting recorded while the removal was checked and recorded, here or on another instance before that one read
     * the removal (it reads catalogues every {@code ledger.catalogue.refresh}), may use a removed code. So the usage is
     * read again once every instance has read the removal, and each code found used is put back with its name.
     */
    private Map<String, CodeUsage.Use> putBackRaced(
            int fiscalYear, CatalogueKind kind, String stream, List<String> removed, Catalogue before) {
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, CodeUsage.Use> raced = usage.used(fiscalYear, kind, removed);
        if (!raced.isEmpty()) { // the parents of a used code are used too: all of them come back together
            List<CatalogueEntry> back = raced.keySet().stream()
                    .map(code -> new CatalogueEntry(code, before.nameOf(code).orElseThrow()))
                    .toList();
            commands.sendAndWait(new CatalogueBook.ReviseCatalogue(
                    stream, fiscalYear, kind, back, List.of(), RestRequests.recording(clock, "file")));
            view.revised();
        }
        return raced;
    }

    private static List<String> missing(Catalogue before, List<CatalogueEntry> entries) {
        java.util.Set<String> inFile = new java.util.HashSet<>();
        entries.forEach(e -> inFile.add(e.code()));
        return before.entries().stream()
                .map(CatalogueEntry::code)
                .filter(c -> !inFile.contains(c))
                .toList();
    }

    /** Refuses the import, recording nothing, when a code it would remove is used by a recorded posting. */
    private void requireUnused(int fiscalYear, CatalogueKind kind, List<String> remove) {
        Map<String, CodeUsage.Use> used;
        try {
            used = usage.used(fiscalYear, kind, remove);
        } catch (IllegalStateException e) {
            throw ApiException.unprocessable("catalogue.too_large_to_check", "removeMissing", e.getMessage());
        }
        if (!used.isEmpty()) {
            throw ApiException.unprocessable(
                            "catalogue.code_in_use",
                            "removeMissing",
                            used.size() + " code(s) the file lacks are used by recorded postings of " + fiscalYear
                                    + " and cannot be removed; nothing was recorded")
                    .withErrors(used.entrySet().stream()
                            .map(u -> Map.<String, Object>of(
                                    "code", u.getKey(),
                                    "ledger", u.getValue().ledger(),
                                    "postingId", u.getValue().postingId(),
                                    "message",
                                            "code " + u.getKey() + " is used by posting "
                                                    + u.getValue().postingId() + " of "
                                                    + u.getValue().ledger()))
                            .toList());
        }
    }

    /** Rows whose 类 or 款 is neither in the file nor in the catalogue. */
    private static List<CatalogueSheet.Problem> orphans(
            CatalogueSheet.Parsed parsed, Catalogue before, CatalogueKind kind) {
        java.util.Set<String> inFile = new java.util.HashSet<>();
        parsed.rows().forEach(r -> inFile.add(r.entry().code()));
        List<CatalogueSheet.Problem> orphans = new ArrayList<>();
        for (CatalogueSheet.Row r : parsed.rows()) {
            for (String parent : kind.parentsOf(r.entry().code())) {
                if (!inFile.contains(parent) && !before.contains(parent)) {
                    orphans.add(new CatalogueSheet.Problem(
                            r.row(),
                            "code",
                            "row " + r.row() + ": code " + r.entry().code() + " needs its parent " + parent
                                    + " in the file or in the catalogue"));
                    break;
                }
            }
        }
        return orphans;
    }

    private static Map<String, Object> imported(
            Catalogue before, Catalogue after, List<CatalogueEntry> entries, int skipped) {
        List<Map<String, String>> added = new ArrayList<>();
        List<Map<String, String>> renamed = new ArrayList<>();
        java.util.Set<String> inFile = new java.util.HashSet<>();
        for (CatalogueEntry e : entries) {
            inFile.add(e.code());
            java.util.Optional<String> was = before.nameOf(e.code());
            if (was.isEmpty()) {
                added.add(Map.of("code", e.code(), "name", e.name()));
            } else if (!was.get().equals(e.name())) {
                renamed.add(Map.of("code", e.code(), "from", was.get(), "to", e.name()));
            }
        }
        List<Map<String, String>> removed = before.entries().stream()
                .filter(e -> !after.contains(e.code()))
                .map(e -> Map.of("code", e.code(), "name", e.name()))
                .toList();
        long notInFile = before.entries().stream()
                .filter(e -> !inFile.contains(e.code()) && after.contains(e.code()))
                .count();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fiscalYear", after.fiscalYear());
        body.put("kind", after.kind().path());
        body.put("size", after.size());
        body.put("added", added);
        body.put("renamed", renamed);
        body.put("removed", removed);
        body.put("unchanged", entries.size() - added.size() - renamed.size());
        body.put("notInFile", notInFile);
        body.put("skippedRows", skipped);
        return body;
    }

    private static Map<String, Object> answer(Catalogue catalogue, Integer changed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fiscalYear", catalogue.fiscalYear());
        body.put("kind", catalogue.kind().path());
        body.put("size", catalogue.size());
        if (changed != null) {
            body.put("changed", changed);
        } else {
            body.put("codes", catalogue.entries());
        }
        return body;
    }

    private static void requireYear(int fiscalYear) {
        if (fiscalYear < LedgerId.MIN_YEAR || fiscalYear > LedgerId.MAX_YEAR) {
            throw ApiException.unprocessable(
                    "fiscalYear.range",
                    "fiscalYear",
                    "fiscalYear must be between " + LedgerId.MIN_YEAR + " and " + LedgerId.MAX_YEAR);
        }
    }

    private static CatalogueKind kind(String path) {
        try {
            return CatalogueKind.fromPath(path);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("catalogue.kind", e.getMessage());
        }
    }
}
