package org.budgetledger.projection.workspace.trail;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.journal.JournalEntry;
import org.budgetledger.projection.web.BadParameter;
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
 * A figure's audit trail (auditors and admins, as in the API): every posting behind it with its amount (reversals
 * negative), dates, source system, posting id and whether it was reversed, and their sum beside the figure itself.
 */
@Controller
@Hidden
public class TrailPages {

    /** A cell key: TABLE/ROW/COLUMN of docs/CELLS.md. */
    private static final Pattern KEY = Pattern.compile("[0-9a-z_]+/[0-9A-Za-z_.\\-]+/[0-9a-z_.]+");

    private final FinalAccounts accounts;
    private final Layout layout;

    public TrailPages(FinalAccounts accounts, Layout layout) {
        this.accounts = accounts;
        this.layout = layout;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/cells/{*cellKey}")
    ResponseEntity<String> trail(
            @PathVariable String unit,
            @PathVariable int year,
            @PathVariable String cellKey,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        String key = cellKey.startsWith("/") ? cellKey.substring(1) : cellKey;
        if (!KEY.matcher(key).matches()) {
            throw new BadParameter("cellKey", "不是数据键（表/行/列，如 06/30217/amount）：" + key);
        }
        List<FinalAccounts.AuditLine> lines = accounts.audit(unit, year, page.scope(), key, page.asOf())
                .orElseThrow(() -> new NotFound(unit + " 没有 " + year + " 年度的决算数据"));
        List<FinalAccounts.ImportLine> imported = accounts.importedLines(unit, year, page.scope(), key, page.asOf());
        FinalAccounts.View view = accounts.figures(unit, year, page.scope(), page.asOf())
                .orElseThrow(() -> new NotFound(unit + " 没有 " + year + " 年度的决算数据"));
        long sum = lines.stream()
                        .mapToLong(FinalAccounts.AuditLine::contributionFen)
                        .sum()
                + imported.stream().mapToLong(FinalAccounts.ImportLine::fen).sum();
        long figure = view.figures().fen(key);
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<h1>审计明细 <code>")
                .append(esc(key))
                .append("</code></h1>\n<p class=\"meta\">单位代码 ")
                .append(esc(unit))
                .append(" · ")
                .append(year)
                .append("年度 · ")
                .append(page.self() ? "仅本单位" : "合并本部门及下属单位")
                .append(" · 报表数 <span class=\"figure\" data-figure=\"")
                .append(esc(key))
                .append("\" data-figure-fen=\"")
                .append(figure)
                .append("\">")
                .append(esc(Money.ofFen(figure).toWanYuan()))
                .append("</span> 万元（")
                .append(esc(Money.ofFen(figure).toString()))
                .append(" 元）</p>\n<p><a href=\"")
                .append(esc(page.link(base)))
                .append("\">返回决算报表</a> · <a href=\"")
                .append(esc(page.link(base + "/chain")))
                .append("\">校验账本哈希链</a></p>\n");
        postings(
                h,
                lines,
                sum,
                figure,
                e -> page.link(base + "/postings/" + segment(e.sourceSystem()) + "/" + segment(e.postingId())));
        importedFiles(h, imported);
        return layout.answer(
                HttpStatus.OK,
                page,
                Viewer.of(request).orElseThrow(),
                Layout.Page.of(
                        "审计明细 " + key,
                        unit,
                        year,
                        h.toString(),
                        new Layout.Live(page.link(base + "/position"), view.position())));
    }

    /** The postings behind the figure, each linked to its own trail ({@code link}), and their sum. */
    private static void postings(
            StringBuilder h,
            List<FinalAccounts.AuditLine> lines,
            long sum,
            long figure,
            java.util.function.Function<org.budgetledger.contract.Posting, String> link) {
        Map<String, String> reversedBy = lines.stream()
                .map(FinalAccounts.AuditLine::entry)
                .filter(JournalEntry::isReversal)
                .collect(Collectors.toMap(
                        e -> e.reversed().postingId() + "|" + e.reversed().sourceSystem(),
                        e -> e.posting().postingId(),
                        (a, b) -> a));
        h.append("<table class=\"trail\">\n<caption>构成该数字的记账记录（")
                .append(lines.size())
                .append(" 条；冲销记为负数）</caption>\n<thead><tr><th scope=\"col\">发生日期</th>")
                .append("<th scope=\"col\">金额（元）</th><th scope=\"col\">来源系统</th><th scope=\"col\">记账编号</th>")
                .append("<th scope=\"col\">记录时间</th><th scope=\"col\">状态</th><th scope=\"col\">单位</th>")
                .append("<th scope=\"col\">事件序号</th></tr></thead>\n<tbody>\n");
        for (FinalAccounts.AuditLine line : lines) {
            JournalEntry e = line.entry();
            String status = e.isReversal()
                    ? "冲销（撤回 " + e.reversed().postingId() + "）"
                    : reversedBy.containsKey(
                                    e.posting().postingId() + "|" + e.posting().sourceSystem())
                            ? "已被冲销（"
                                    + reversedBy.get(e.posting().postingId() + "|"
                                            + e.posting().sourceSystem()) + "）"
                            : "有效";
            h.append("<tr data-posting-id=\"")
                    .append(esc(e.posting().postingId()))
                    .append("\" data-source-system=\"")
                    .append(esc(e.posting().sourceSystem()))
                    .append("\" data-amount-fen=\"")
                    .append(line.contributionFen())
                    .append("\" data-reversal=\"")
                    .append(e.isReversal())
                    .append("\"><td>")
                    .append(esc(String.valueOf(e.routed().occurredOn())))
                    .append("</td><td class=\"amount\">")
                    .append(esc(Money.ofFen(line.contributionFen()).toString()))
                    .append("</td><td>")
                    .append(esc(e.posting().sourceSystem()))
                    .append("</td><td><a href=\"")
                    .append(esc(link.apply(e.posting())))
                    .append("\">")
                    .append(esc(e.posting().postingId()))
                    .append("</a></td><td><time datetime=\"")
                    .append(esc(String.valueOf(e.recordedAt())))
                    .append("\">")
                    .append(esc(Html.beijing(e.recordedAt())))
                    .append("</time></td><td>")
                    .append(esc(status))
                    .append("</td><td>")
                    .append(esc(line.unit().unitCode()))
                    .append("</td><td>")
                    .append(e.sequence())
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n<tfoot><tr><th scope=\"row\">合计</th><td class=\"amount\" data-sum-fen=\"")
                .append(sum)
                .append("\">")
                .append(esc(Money.ofFen(sum).toString()))
                .append("</td><td colspan=\"6\">")
                .append(esc(Money.ofFen(sum).toWanYuan()))
                .append(" 万元，")
                .append(sum == figure ? "与报表数一致" : "与报表数不一致：请报告此差异")
                .append("</td></tr></tfoot>\n</table>\n");
    }

    private static void importedFiles(StringBuilder h, List<FinalAccounts.ImportLine> imported) {
        if (imported.isEmpty()) {
            return;
        }
        h.append("<h2>导入的已公开文件</h2>\n<ul class=\"imported\">\n");
        for (FinalAccounts.ImportLine line : imported) {
            h.append("<li data-imported-fen=\"")
                    .append(line.fen())
                    .append("\">")
                    .append(esc(line.unit().unitCode()))
                    .append("：《")
                    .append(esc(line.imported().source().fileName()))
                    .append("》 ")
                    .append(esc(Money.ofFen(line.fen()).toString()))
                    .append(" 元（SHA-256 ")
                    .append(esc(line.imported().source().sha256()))
                    .append("）</li>\n");
        }
        h.append("</ul>\n");
    }
}
