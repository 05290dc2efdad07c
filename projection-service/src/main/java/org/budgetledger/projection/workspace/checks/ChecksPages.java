package org.budgetledger.projection.workspace.checks;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.budgetledger.projection.checks.ChecksService;
import org.budgetledger.projection.checks.domain.CheckReport;
import org.budgetledger.projection.checks.domain.CheckResult;
import org.budgetledger.projection.checks.domain.Comparison;
import org.budgetledger.projection.checks.domain.Language;
import org.budgetledger.projection.checks.domain.Status;
import org.budgetledger.projection.checks.domain.Term;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
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
 * The 审核公式 of a unit's year (ChecksService, as the API answers them): every rule with its status, and for each
 * result that does not simply pass the figures it compared, each a link to its audit trail where the role may read it.
 */
@Controller
@Hidden
public class ChecksPages {

    private static final Pattern CELL = Pattern.compile("(0[1-9]|ops|general|procurement)/[^/ ]+/[^/ ]+");

    private final ChecksService checks;
    private final FinalAccounts accounts;
    private final Layout layout;

    public ChecksPages(ChecksService checks, FinalAccounts accounts, Layout layout) {
        this.checks = checks;
        this.accounts = accounts;
        this.layout = layout;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/checks")
    ResponseEntity<String> checks(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        Viewer viewer = Viewer.of(request).orElseThrow();
        CheckReport report = checks.check(unit, year, page.scope(), page.asOf())
                .orElseThrow(() -> new NotFound(unit + " 没有 " + year + " 年度的决算数据"));
        long position = accounts.positions(unit, year, page.scope())
                .map(FinalAccounts.Positions::total)
                .orElse(0L);
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append(Html.heading("审核公式", unit, year, page.self()))
                .append("<p><a href=\"")
                .append(esc(page.link(base)))
                .append("\">返回决算报表</a></p>\n")
                .append(content(report, viewer.mayAudit() ? key -> page.link(base + "/cells/" + key) : null));
        return layout.answer(
                HttpStatus.OK,
                page,
                viewer,
                Layout.Page.of(
                        "审核公式 " + unit + " " + year,
                        unit,
                        year,
                        h.toString(),
                        new Layout.Live(page.link(base + "/position"), position)));
    }

    /**
     * The summary, every rule, and the results that do not simply pass with their compared figures, each linked to
     * {@code trail.apply(key)} (null: marked, not linked).
     */
    static String content(CheckReport report, java.util.function.Function<String, String> trail) {
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<p class=\"summary\">");
        report.summary()
                .forEach((status, n) -> h.append("<span class=\"status status-")
                        .append(status.name().toLowerCase())
                        .append("\">")
                        .append(esc(status.in(Language.ZH)))
                        .append(' ')
                        .append(n)
                        .append("</span> "));
        h.append("</p>\n");
        rules(h, report);
        details(h, report, trail);
        return h.toString();
    }

    /** Every rule, its worst status and how many results it has. */
    private static void rules(StringBuilder h, CheckReport report) {
        Map<String, List<CheckResult>> byRule = report.results().stream()
                .collect(Collectors.groupingBy(CheckResult::id, LinkedHashMap::new, Collectors.toList()));
        h.append("<table class=\"checks\">\n<caption>全部审核公式（")
                .append(byRule.size())
                .append(" 条规则）</caption>\n<thead><tr><th scope=\"col\">规则</th><th scope=\"col\">名称</th>")
                .append("<th scope=\"col\">状态</th><th scope=\"col\">结果数</th></tr></thead>\n<tbody>\n");
        byRule.forEach((id, results) -> {
            Status worst =
                    Status.worst(results.stream().map(CheckResult::status).toList());
            h.append("<tr data-rule=\"")
                    .append(esc(id))
                    .append("\" data-status=\"")
                    .append(worst.name())
                    .append("\"><th scope=\"row\">")
                    .append(esc(id))
                    .append("</th><td>")
                    .append(esc(results.get(0).name(Language.ZH)))
                    .append("</td><td><span class=\"status status-")
                    .append(worst.name().toLowerCase())
                    .append("\">")
                    .append(esc(worst.in(Language.ZH)))
                    .append("</span></td><td>")
                    .append(results.size())
                    .append("</td></tr>\n");
        });
        h.append("</tbody>\n</table>\n");
    }

    /** Each result that does not simply pass: its remark and comparisons, figures linked to their trails. */
    private static void details(
            StringBuilder h, CheckReport report, java.util.function.Function<String, String> trail) {
        List<CheckResult> notPassing =
                report.results().stream().filter(r -> r.status() != Status.PASS).toList();
        h.append("<h2>需注意的结果（").append(notPassing.size()).append("）</h2>\n");
        if (notPassing.isEmpty()) {
            h.append("<p>全部审核公式均通过。</p>\n");
        }
        for (CheckResult r : notPassing) {
            h.append("<section class=\"result\" data-result=\"")
                    .append(esc(r.label()))
                    .append("\" data-status=\"")
                    .append(r.status().name())
                    .append("\">\n<h3>")
                    .append(esc(r.label(Language.ZH)))
                    .append(" <span class=\"status status-")
                    .append(r.status().name().toLowerCase())
                    .append("\">")
                    .append(esc(r.status().in(Language.ZH)))
                    .append("</span></h3>\n<p>")
                    .append(esc(r.name(Language.ZH)))
                    .append("</p>\n");
            if (r.message(Language.ZH) != null) {
                h.append("<p class=\"remark\">")
                        .append(esc(r.message(Language.ZH)))
                        .append("</p>\n");
            }
            if (!r.comparisons().isEmpty()) {
                h.append("<ul class=\"comparisons\">\n");
                r.comparisons().forEach(c -> comparison(h, c, trail));
                h.append("</ul>\n");
            }
            h.append("</section>\n");
        }
    }

    private static void comparison(StringBuilder h, Comparison c, java.util.function.Function<String, String> trail) {
        h.append("<li data-status=\"").append(c.status().name()).append("\">");
        if (c.label() != null) {
            h.append('[').append(esc(c.label())).append("] ");
        }
        side(h, c.left(), trail);
        h.append(' ').append(esc(c.relation().symbol())).append(' ');
        side(h, c.right(), trail);
        h.append(" ｜ ")
                .append(esc(c.leftValue()))
                .append(' ')
                .append(esc(c.relation().symbol()))
                .append(' ')
                .append(esc(c.rightValue()))
                .append(" ｜ 差额 ")
                .append(esc(c.difference()))
                .append(" → <span class=\"status status-")
                .append(c.status().name().toLowerCase())
                .append("\">")
                .append(esc(c.status().in(Language.ZH)))
                .append("</span>");
        String note = c.noteZh() != null ? c.noteZh() : c.note();
        if (note != null) {
            h.append("（").append(esc(note)).append("）");
        }
        h.append("</li>\n");
    }

    private static void side(StringBuilder h, List<Term> terms, java.util.function.Function<String, String> trail) {
        if (terms.isEmpty()) {
            h.append('0');
            return;
        }
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (i > 0 || t.negated()) {
                h.append(t.negated() ? " − " : " + ");
            }
            boolean cell = t.key() != null && CELL.matcher(t.key()).matches();
            if (!cell) {
                h.append(esc(t.key())).append(' ').append(esc(t.printed()));
                continue;
            }
            String tag = trail == null ? "span" : "a";
            h.append("<code>").append(esc(t.key())).append("</code> <").append(tag);
            if (trail != null) {
                h.append(" href=\"").append(esc(trail.apply(t.key()))).append('"');
            }
            h.append(" data-cell=\"")
                    .append(esc(t.key()))
                    .append("\" title=\"")
                    .append(esc(t.key() + " " + t.printed()))
                    .append("\">")
                    .append(esc(t.printed()))
                    .append("</")
                    .append(tag)
                    .append('>');
        }
    }
}
