package org.budgetledger.projection.workspace.publication;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.publication.PublicationService;
import org.budgetledger.projection.store.Publications.Publication;
import org.budgetledger.projection.web.NotFound;
import org.budgetledger.projection.workspace.page.Html;
import org.budgetledger.projection.workspace.page.Layout;
import org.budgetledger.projection.workspace.page.PageRequest;
import org.budgetledger.projection.workspace.page.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The publications of a unit's year (PublicationService, as {@code …/publications} answers them): when, with which
 * digest and note, a link to the disclosure exactly as published, and for auditors what has changed since: every
 * cell whose printed value differs now, with the postings recorded after the publication that moved it.
 */
@Controller
@Hidden
public class PublicationPages {

    private final PublicationService publications;
    private final FinalAccounts accounts;
    private final Layout layout;

    public PublicationPages(PublicationService publications, FinalAccounts accounts, Layout layout) {
        this.publications = publications;
        this.accounts = accounts;
        this.layout = layout;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/publications")
    ResponseEntity<String> list(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.plain(request);
        Viewer viewer = Viewer.of(request).orElseThrow();
        if (accounts.positions(unit, year, FinalAccounts.Scope.DEPARTMENT).isEmpty()) {
            throw new NotFound(unit + " 没有 " + year + " 年度的决算数据");
        }
        List<Publication> all = publications.list(unit, year);
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(8 * 1024);
        h.append(Html.heading("公开记录", unit, year, null))
                .append("<p class=\"meta\">每次公开都作为事件记入本单位账本的哈希链：公开时点、各账本已含事件数、")
                .append("所公开数字的 SHA-256 摘要（docs/PUBLICATIONS.md）。</p>\n<p><a href=\"")
                .append(esc(base))
                .append("\">返回决算报表</a></p>\n");
        if (all.isEmpty()) {
            h.append("<p data-publication-count=\"0\">本年度决算尚未公开。</p>\n");
        } else {
            table(h, base, all, viewer.mayAudit());
        }
        return layout.answer(
                HttpStatus.OK,
                page,
                viewer,
                Layout.Page.of("公开记录 " + unit + " " + year, unit, year, h.toString(), null));
    }

    private static void table(StringBuilder h, String base, List<Publication> all, boolean mayAudit) {
        h.append("<table class=\"trail\" data-publication-count=\"")
                .append(all.size())
                .append("\">\n<caption>历次公开（")
                .append(all.size())
                .append(" 次）</caption>\n<thead><tr><th scope=\"col\">公开时间</th><th scope=\"col\">说明</th>")
                .append("<th scope=\"col\">数字个数</th><th scope=\"col\">SHA-256 摘要</th><th scope=\"col\">查看</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Publication p : all) {
            h.append("<tr data-publication=\"")
                    .append(esc(p.id()))
                    .append("\"><th scope=\"row\"><time datetime=\"")
                    .append(esc(p.publishedAt().toString()))
                    .append("\">")
                    .append(esc(Html.beijing(p.publishedAt())))
                    .append("</time></th><td>")
                    .append(esc(p.note() == null ? "" : p.note()))
                    .append("</td><td>")
                    .append(p.cellCount())
                    .append("</td><td><code>")
                    .append(esc(p.digest()))
                    .append("</code></td><td><a href=\"")
                    .append(esc(base + "?publication=" + segment(p.id())))
                    .append("\">公开时的报表</a>");
            if (mayAudit) {
                h.append(" · <a href=\"")
                        .append(esc(base + "/publications/" + segment(p.id())))
                        .append("\">公开后的变动</a>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/publications/{id}")
    ResponseEntity<String> changes(
            @PathVariable String unit, @PathVariable int year, @PathVariable String id, HttpServletRequest request) {
        Publication publication = publications.find(unit, year, id);
        List<PublicationService.CellChange> changes = publications.changes(unit, year, publication);
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(8 * 1024);
        h.append(Html.heading("公开后的变动", unit, year, null))
                .append("<p class=\"meta\">公开于 ")
                .append(esc(Html.beijing(publication.publishedAt())))
                .append(" · 摘要 <code>")
                .append(esc(publication.digest()))
                .append("</code></p>\n<p><a href=\"")
                .append(esc(base + "/publications"))
                .append("\">返回公开记录</a> · <a href=\"")
                .append(esc(base + "?publication=" + segment(id)))
                .append("\">公开时的报表</a> · <a href=\"")
                .append(esc(base))
                .append("\">当前报表</a></p>\n<p class=\"summary\" data-change-count=\"")
                .append(changes.size())
                .append("\">")
                .append(changes.isEmpty() ? "公开以来没有数字发生变动。" : "公开以来有 " + changes.size() + " 个数字发生变动：")
                .append("</p>\n");
        changes.forEach(c -> change(h, base, c));
        return layout.answer(
                HttpStatus.OK,
                PageRequest.plain(request),
                Viewer.of(request).orElseThrow(),
                Layout.Page.of("公开后的变动 " + unit + " " + year, unit, year, h.toString(), null));
    }

    private static void change(StringBuilder h, String base, PublicationService.CellChange c) {
        String key = c.change().cellKey();
        h.append("<section class=\"result\" data-changed-cell=\"")
                .append(esc(key))
                .append("\">\n<h2><a href=\"")
                .append(esc(base + "/cells/" + key))
                .append("\"><code>")
                .append(esc(key))
                .append("</code></a></h2>\n<p>公开数 <span data-published>")
                .append(esc(c.change().published() == null ? "（空）" : c.change().published()))
                .append("</span> → 当前数 <span data-current>")
                .append(esc(c.change().current() == null ? "（空）" : c.change().current()))
                .append("</span>（万元）</p>\n<ul class=\"comparisons\">\n");
        for (FinalAccounts.AuditLine line : c.postings()) {
            h.append("<li data-posting-id=\"")
                    .append(esc(line.entry().posting().postingId()))
                    .append("\" data-source-system=\"")
                    .append(esc(line.entry().posting().sourceSystem()))
                    .append("\" data-amount-fen=\"")
                    .append(line.contributionFen())
                    .append("\"><a href=\"")
                    .append(esc(
                            base + "/postings/" + segment(line.entry().posting().sourceSystem()) + "/"
                                    + segment(line.entry().posting().postingId())))
                    .append("\">")
                    .append(esc(line.entry().posting().postingId()))
                    .append("</a> ")
                    .append(esc(Money.ofFen(line.contributionFen()).toString()))
                    .append(" 元，记录于 ")
                    .append(esc(Html.beijing(line.entry().recordedAt())))
                    .append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }
}
