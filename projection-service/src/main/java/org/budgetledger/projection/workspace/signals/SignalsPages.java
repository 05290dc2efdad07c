package org.budgetledger.projection.workspace.signals;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.signals.SignalsService;
import org.budgetledger.projection.signals.domain.PostingRef;
import org.budgetledger.projection.signals.domain.Signal;
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
 * The signals of a unit's year for auditors (SignalsService, as {@code …/signals} answers them): each with its
 * message, its figures, its cells linked to their trails and its postings linked to theirs, so that every figure of
 * a signal is one click from what reproduces it. Signals read the history as it stands: an {@code asOf} is shown as
 * such and not applied (the API has none either), and the links to trails leave it out, to reproduce the figures.
 */
@Controller
@Hidden
public class SignalsPages {

    private final SignalsService signals;
    private final FinalAccounts accounts;
    private final Layout layout;

    public SignalsPages(SignalsService signals, FinalAccounts accounts, Layout layout) {
        this.signals = signals;
        this.accounts = accounts;
        this.layout = layout;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/signals")
    ResponseEntity<String> signals(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        List<Signal> found = signals.signals(unit, year, page.scope())
                .orElseThrow(() -> new NotFound(unit + " 没有 " + year + " 年度的决算数据"));
        long position = accounts.positions(unit, year, page.scope())
                .map(FinalAccounts.Positions::total)
                .orElse(0L);
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append(Html.heading("审计信号", unit, year, page.self()))
                .append("<p class=\"meta\">值得审计关注之处：关账后记账、延迟入账、年底突击支出、超预算支出、公开后变动。")
                .append("信号不是审核错误：数字可能无误，仍值得一看。");
        if (page.asOf() != null) {
            h.append("信号按当前全部记录计算，不随所选时点变化。");
        }
        h.append("</p>\n<p><a href=\"")
                .append(esc(page.link(base)))
                .append("\">返回决算报表</a></p>\n<p class=\"summary\" data-signal-count=\"")
                .append(found.size())
                .append("\">共 ")
                .append(found.size())
                .append(" 条信号</p>\n");
        if (found.isEmpty()) {
            h.append("<p>没有需要关注的信号。</p>\n");
        }
        found.forEach(s -> signal(h, page, year, s));
        return layout.answer(
                HttpStatus.OK,
                page,
                Viewer.of(request).orElseThrow(),
                Layout.Page.of(
                        "审计信号 " + unit + " " + year,
                        unit,
                        year,
                        h.toString(),
                        new Layout.Live(page.link(base + "/position"), position)));
    }

    private static void signal(StringBuilder h, PageRequest page, int year, Signal s) {
        String base = "/workspace/" + segment(s.unitCode()) + "/" + year;
        boolean self = "self".equals(s.scope());
        h.append("<section class=\"result signal\" data-signal=\"")
                .append(s.kind().name())
                .append("\" data-severity=\"")
                .append(s.severity().name())
                .append("\" data-unit=\"")
                .append(esc(s.unitCode()))
                .append("\">\n<h2>")
                .append(esc(s.kind().zh()))
                .append(" <span class=\"status status-")
                .append(s.severity().name().toLowerCase())
                .append("\">")
                .append(s.severity().name().equals("ERROR") ? "错误" : "提示")
                .append("</span> <span class=\"code\">")
                .append(esc(s.kind().name() + " · " + s.unitCode()))
                .append("</span></h2>\n<p>")
                .append(esc(s.message().zh()))
                .append("</p>\n<dl class=\"figures\">\n");
        s.figures()
                .forEach((name, value) -> h.append("<dt>")
                        .append(esc(label(name)))
                        .append(" <span class=\"code\">")
                        .append(esc(name))
                        .append("</span></dt><dd>")
                        .append(esc(String.valueOf(value)))
                        .append("</dd>\n"));
        h.append("</dl>\n");
        if (!s.cellKeys().isEmpty()) {
            h.append("<p>相关报表数字：");
            for (String key : s.cellKeys()) {
                h.append(" <a href=\"")
                        .append(esc(PageRequest.link(base + "/cells/" + key, null, self)))
                        .append("\" data-cell-link=\"")
                        .append(esc(key))
                        .append("\"><code>")
                        .append(esc(key))
                        .append("</code></a>");
            }
            h.append("</p>\n");
        }
        postings(h, page, base, s.postings());
        h.append("</section>\n");
    }

    /** The figures' names in Chinese (the API's name stays beside, for whoever reads both); unknown ones as they are. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("economicClass", "经济分类（类）"),
            Map.entry("functionalCode", "功能分类科目"),
            Map.entry("item", "项目"),
            Map.entry("year", "全年支出（万元）"),
            Map.entry("q4", "第四季度支出（万元）"),
            Map.entry("december", "12月支出（万元）"),
            Map.entry("decemberShare", "12月占全年（%）"),
            Map.entry("q4Share", "第四季度占全年（%）"),
            Map.entry("decemberSharePercentOver", "12月占比提示线（%）"),
            Map.entry("q4SharePercentOver", "第四季度占比提示线（%）"),
            Map.entry("minimumYearExpenditure", "全年支出起点（万元）"),
            Map.entry("aboveHistoryPoints", "高于往年（百分点）"),
            Map.entry("previousDecemberShareAverage", "往年12月平均占比（%）"),
            Map.entry("previousYears", "往年"),
            Map.entry("budget", "预算数（万元）"),
            Map.entry("actual", "决算数（万元）"),
            Map.entry("excess", "超出（万元）"),
            Map.entry("lateEntryDays", "延迟提示线（天）"),
            Map.entry("longestDaysLate", "最长延迟（天）"),
            Map.entry("liveSince", "账本启用日"),
            Map.entry("lastRecordedAt", "最后记录时间"),
            Map.entry("closedAt", "关账时间"),
            Map.entry("closeSequence", "关账事件序号"),
            Map.entry("publicationId", "公开记录编号"),
            Map.entry("publishedAt", "公开时间"),
            Map.entry("changedCells", "变动的数字"),
            Map.entry("postings", "记账记录数"));

    /** "budgetYuan": the budget's label in yuan. */
    static String label(String name) {
        if (name.endsWith("Yuan") && LABELS.containsKey(name.substring(0, name.length() - 4))) {
            return LABELS.get(name.substring(0, name.length() - 4)).replace("（万元）", "（元）");
        }
        return LABELS.getOrDefault(name, name);
    }

    private static void postings(StringBuilder h, PageRequest page, String base, List<PostingRef> postings) {
        if (postings.isEmpty()) {
            return;
        }
        h.append("<table class=\"trail\">\n<caption>涉及的记账记录（")
                .append(postings.size())
                .append(" 条）</caption>\n<thead><tr><th scope=\"col\">记账编号</th><th scope=\"col\">来源系统</th>")
                .append("<th scope=\"col\">单位</th><th scope=\"col\">金额（元）</th><th scope=\"col\">发生日期</th>")
                .append("<th scope=\"col\">记录时间</th></tr></thead>\n<tbody>\n");
        for (PostingRef p : postings) {
            h.append("<tr data-posting-id=\"")
                    .append(esc(p.postingId()))
                    .append("\" data-source-system=\"")
                    .append(esc(p.sourceSystem()))
                    .append("\" data-amount-fen=\"")
                    .append(p.fen())
                    .append("\"><th scope=\"row\"><a href=\"")
                    .append(esc(
                            page.link(base + "/postings/" + segment(p.sourceSystem()) + "/" + segment(p.postingId()))))
                    .append("\">")
                    .append(esc(p.postingId()))
                    .append("</a></th><td>")
                    .append(esc(p.sourceSystem()))
                    .append("</td><td>")
                    .append(esc(p.unitCode()))
                    .append("</td><td class=\"amount\">")
                    .append(esc(Money.ofFen(p.fen()).toString()))
                    .append("</td><td>")
                    .append(esc(p.occurredOn() == null ? "" : p.occurredOn().toString()))
                    .append("</td><td>")
                    .append(esc(Html.beijing(p.recordedAt())))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }
}
