package org.budgetledger.projection.workspace.disclosure;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.publication.PublicationService;
import org.budgetledger.projection.report.ReportService;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportTable;
import org.budgetledger.projection.report.render.CsvRenderer;
import org.budgetledger.projection.report.render.HtmlRenderer;
import org.budgetledger.projection.report.render.XlsxRenderer;
import org.budgetledger.projection.store.Publications.Publication;
import org.budgetledger.projection.web.NotFound;
import org.budgetledger.projection.workspace.page.Html;
import org.budgetledger.projection.workspace.page.Layout;
import org.budgetledger.projection.workspace.page.PageRequest;
import org.budgetledger.projection.workspace.page.Viewer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The disclosure in the workspace: the report as the printed page lays it out (HtmlRenderer), each figure marked with
 * its cell key and, for the roles that may read audit trails, a link to its trail; the downloads (XLSX, CSV, the
 * printable page) of the same figures; and the positions an open page polls to follow new postings.
 */
@Controller
@Hidden
public class DisclosurePages {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final FinalAccounts accounts;
    private final ReportService reports;
    private final PublicationService publications;
    private final Layout layout;

    public DisclosurePages(
            FinalAccounts accounts, ReportService reports, PublicationService publications, Layout layout) {
        this.accounts = accounts;
        this.reports = reports;
        this.publications = publications;
        this.layout = layout;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}")
    ResponseEntity<String> disclosure(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        String published = request.getParameter("publication");
        if (published != null) {
            return asPublished(unit, year, published, request);
        }
        PageRequest page = PageRequest.of(request);
        Viewer viewer = Viewer.of(request).orElseThrow();
        FinalAccounts.View view = view(unit, year, page);
        Report report = report(unit, year, view);
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(128 * 1024);
        h.append("<h1>")
                .append(esc(report.unitName()))
                .append(' ')
                .append(esc(report.coverTitle()))
                .append("</h1>\n<p class=\"meta\">单位代码 ")
                .append(esc(unit))
                .append(" · ")
                .append(
                        page.self()
                                ? "仅本单位（不含下属单位）"
                                : "合并本部门及下属单位（" + view.parts().size() + " 个单位）")
                .append(" · 已含 <span data-position-shown>")
                .append(view.position())
                .append("</span> 个账本事件");
        if (page.asOf() != null) {
            h.append(" · 截至 ").append(esc(Html.beijing(page.asOf())));
        }
        h.append("</p>\n");
        links(h, page, base, report, viewer.mayAudit());
        h.append("<div class=\"report\">\n")
                .append(HtmlRenderer.content(
                        report, viewer.mayAudit() ? key -> page.link(base + "/cells/" + key) : key -> null))
                .append("</div>\n");
        return layout.answer(
                HttpStatus.OK,
                page,
                viewer,
                Layout.Page.of(
                        report.unitName() + report.coverTitle(),
                        unit,
                        year,
                        h.toString(),
                        new Layout.Live(page.link(base + "/position"), view.position())));
    }

    /**
     * The disclosure exactly as a publication showed it (consolidated, at its recorded positions, its digest checked):
     * no as-of, no live updates. Its figures are not links: a trail reads by instant, and the publication's figures
     * are of its recorded positions, which no instant reproduces exactly; what moved since is the changes page.
     */
    private ResponseEntity<String> asPublished(String unit, int year, String id, HttpServletRequest request) {
        PageRequest page = PageRequest.plain(request);
        Viewer viewer = Viewer.of(request).orElseThrow();
        Publication publication = publications.find(unit, year, id);
        Report report = report(unit, year, publications.asPublished(unit, year, publication));
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(128 * 1024);
        h.append("<h1>")
                .append(esc(report.unitName()))
                .append(' ')
                .append(esc(report.coverTitle()))
                .append("（公开版本）</h1>\n<p class=\"meta published\" data-publication=\"")
                .append(esc(publication.id()))
                .append("\">公开于 ")
                .append(esc(Html.beijing(publication.publishedAt())))
                .append(" · 摘要 <code>")
                .append(esc(publication.digest()))
                .append("</code> · 与公开时完全一致（已按摘要核对）</p>\n<p><a href=\"")
                .append(esc(base + "/publications"))
                .append("\">公开记录</a> · ")
                .append(
                        viewer.mayAudit()
                                ? "<a href=\"" + esc(base + "/publications/" + segment(publication.id()))
                                        + "\">公开后的变动</a> · "
                                : "")
                .append("<a href=\"")
                .append(esc(base))
                .append("\">当前报表</a></p>\n<div class=\"report\">\n")
                .append(HtmlRenderer.content(report, key -> null))
                .append("</div>\n");
        return layout.answer(
                HttpStatus.OK,
                page,
                viewer,
                Layout.Page.of(report.unitName() + report.coverTitle() + "（公开版本）", unit, year, h.toString(), null));
    }

    private static void links(StringBuilder h, PageRequest page, String base, Report report, boolean mayAudit) {
        h.append("<nav class=\"page-links\" aria-label=\"本页操作\">\n<ul>\n<li><a href=\"")
                .append(esc(page.link(base + "/checks")))
                .append("\">审核公式</a></li>\n");
        if (mayAudit) {
            h.append("<li><a href=\"").append(esc(page.link(base + "/signals"))).append("\">审计信号</a></li>\n");
        }
        h.append("<li><a href=\"")
                .append(esc(base + "/publications"))
                .append("\">公开记录</a></li>\n<li><a href=\"")
                .append(esc(PageRequest.link(base, page.asOf(), !page.self())))
                .append("\">")
                .append(page.self() ? "合并查看（含下属单位）" : "仅看本单位")
                .append("</a></li>\n<li><a href=\"")
                .append(esc(page.link(base + "/report.xlsx")))
                .append("\" download=\"download\">下载 Excel（XLSX）</a></li>\n<li><a href=\"")
                .append(esc(page.link(base + "/print")))
                .append("\">打印版页面</a></li>\n<li>下载 CSV：");
        for (ReportTable table : report.tables().tables()) {
            h.append(" <a href=\"")
                    .append(esc(page.link(base + "/tables/" + table.id() + ".csv")))
                    .append("\" download=\"download\" title=\"")
                    .append(esc(table.number() + " " + table.title()))
                    .append("\">")
                    .append(esc(table.id()))
                    .append("表</a>");
        }
        h.append("</li>\n</ul>\n</nav>\n");
    }

    /** How many events the figures include now: an open page asks, and reloads its figures when it grows. */
    @GetMapping(path = "/workspace/{unit}/{year:\\d+}/position", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> position(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        FinalAccounts.Positions positions = accounts.positions(unit, year, page.scope())
                .orElseThrow(() -> new NotFound(unit + " 没有 " + year + " 年度的决算数据"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("position", positions.total());
        body.put("positions", positions.byLedger());
        return body;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/report.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        Report report = report(unit, year, view(unit, year, page));
        return download(XlsxRenderer.render(report), XLSX, unit + "-" + year + ".xlsx");
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/tables/{table}.csv")
    ResponseEntity<byte[]> csv(
            @PathVariable String unit, @PathVariable int year, @PathVariable String table, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        ReportTable found = report(unit, year, view(unit, year, page))
                .table(table)
                .orElseThrow(() -> new NotFound(year + " 年度的决算没有第 " + table + " 表"));
        return download(
                CsvRenderer.bytes(found),
                new MediaType("text", "csv", StandardCharsets.UTF_8),
                unit + "-" + year + "-" + table + ".csv");
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/print")
    ResponseEntity<String> print(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        return Layout.html(HttpStatus.OK, HtmlRenderer.render(report(unit, year, view(unit, year, page))));
    }

    private FinalAccounts.View view(String unit, int year, PageRequest page) {
        return accounts.figures(unit, year, page.scope(), page.asOf())
                .orElseThrow(() -> new NotFound(unit + " 没有 " + year + " 年度的决算数据"));
    }

    private Report report(String unit, int year, FinalAccounts.View view) {
        return reports.report(unit, year, view)
                .orElseThrow(() -> new NotFound(unit + " 在 " + year + " 年度没有单位信息，无法生成决算"));
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
