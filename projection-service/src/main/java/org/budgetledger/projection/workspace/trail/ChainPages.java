package org.budgetledger.projection.workspace.trail;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.budgetledger.projection.apply.LedgerSource;
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
import org.springframework.web.client.RestClientException;

/**
 * The hash chain of every ledger behind a unit's figures, as the ledger service checks it (its /verify): asked only
 * when an auditor opens this page, since it reads each ledger's whole history.
 */
@Controller
@Hidden
public class ChainPages {

    private final FinalAccounts accounts;
    private final LedgerSource ledger;
    private final Layout layout;

    public ChainPages(FinalAccounts accounts, LedgerSource ledger, Layout layout) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.layout = layout;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/chain")
    ResponseEntity<String> chain(@PathVariable String unit, @PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        FinalAccounts.Positions positions = accounts.positions(unit, year, page.scope())
                .orElseThrow(() -> new NotFound(unit + " 没有 " + year + " 年度的决算数据"));
        StringBuilder h = new StringBuilder(Html.heading("账本哈希链校验", unit, year, null))
                .append("<p class=\"meta\">由账本服务逐个重算每个事件的哈希（/verify）。")
                .append("完整：自第一个事件起每一环都与记录相符。</p>\n<p><a href=\"")
                .append(esc(page.link("/workspace/" + segment(unit) + "/" + year)))
                .append("\">返回决算报表</a></p>\n<table class=\"trail\">\n<caption>各账本的哈希链</caption>\n")
                .append("<thead><tr><th scope=\"col\">账本</th><th scope=\"col\">本系统已含事件</th>")
                .append("<th scope=\"col\">账本事件数</th><th scope=\"col\">状态</th><th scope=\"col\">链头哈希</th>")
                .append("</tr></thead>\n<tbody>\n");
        positions.byLedger().forEach((id, position) -> row(h, id, position));
        h.append("</tbody>\n</table>\n");
        return layout.answer(
                HttpStatus.OK,
                page,
                Viewer.of(request).orElseThrow(),
                Layout.Page.of("账本哈希链校验 " + unit + " " + year, unit, year, h.toString(), null));
    }

    private void row(StringBuilder h, String id, long position) {
        org.budgetledger.contract.LedgerId ledgerId = org.budgetledger.contract.LedgerId.parse(id);
        h.append("<tr data-ledger=\"").append(esc(id)).append("\"");
        Map<String, Object> verified;
        try {
            verified = ledger.verify(ledgerId.unitCode(), ledgerId.fiscalYear());
        } catch (RestClientException e) {
            h.append(" data-intact=\"unknown\"><th scope=\"row\">")
                    .append(esc(id))
                    .append("</th><td>")
                    .append(position)
                    .append("</td><td></td><td>账本服务无法访问，未能校验</td><td></td></tr>\n");
            return;
        }
        boolean intact = Boolean.TRUE.equals(verified.get("intact"));
        Object firstBreak = verified.get("firstBreak");
        h.append(" data-intact=\"")
                .append(intact)
                .append("\"><th scope=\"row\">")
                .append(esc(id))
                .append("</th><td>")
                .append(position)
                .append("</td><td>")
                .append(esc(String.valueOf(verified.get("events"))))
                .append("</td><td>")
                .append(intact ? "完整" : "断裂：" + esc(String.valueOf(firstBreak)))
                .append("</td><td><code>")
                .append(esc(String.valueOf(verified.get("head"))))
                .append("</code></td></tr>\n");
    }
}
