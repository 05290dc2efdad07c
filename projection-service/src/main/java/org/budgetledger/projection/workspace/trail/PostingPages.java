package org.budgetledger.projection.workspace.trail;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.projection.apply.LedgerSource;
import org.budgetledger.projection.audit.PostingTrail;
import org.budgetledger.projection.journal.JournalEntry;
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
 * One posting's own trail (PostingTrail, as {@code GET /api/v1/postings/{sourceSystem}/{postingId}} answers it): the
 * event that recorded it, with its hash and the previous one as the ledger service holds them, whether and by which
 * posting it was reversed, and every cell it feeds, each a link to that cell's trail. The unit and year in the path are
 * the page the reader came from (its side and its links); the posting is found by its key alone.
 */
@Controller
@Hidden
public class PostingPages {

    private final PostingTrail trails;
    private final LedgerSource ledger;
    private final Layout layout;

    public PostingPages(PostingTrail trails, LedgerSource ledger, Layout layout) {
        this.trails = trails;
        this.ledger = ledger;
        this.layout = layout;
    }

    @GetMapping("/workspace/{unit}/{year:\\d+}/postings/{sourceSystem}/{postingId}")
    ResponseEntity<String> posting(
            @PathVariable String unit,
            @PathVariable int year,
            @PathVariable String sourceSystem,
            @PathVariable String postingId,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        // the page's unit is in scope (ScopeInterceptor), and PostingTrail finds only a posting of the scope
        PostingTrail.Trail trail = trails.find(sourceSystem, postingId)
                .orElseThrow(() -> new NotFound("没有来源系统 " + sourceSystem + " 的记账记录 " + postingId));
        JournalEntry entry = trail.entry();
        String base = "/workspace/" + segment(unit) + "/" + year;
        StringBuilder h = new StringBuilder(8 * 1024);
        h.append("<h1>记账记录 <code>")
                .append(esc(postingId))
                .append("</code></h1>\n<p class=\"meta\">来源系统 ")
                .append(esc(sourceSystem))
                .append(" · 账本 ")
                .append(esc(trail.ledger()))
                .append(" · ")
                .append(status(trail))
                .append("</p>\n<p><a href=\"")
                .append(esc(page.link(base)))
                .append("\">返回决算报表</a></p>\n");
        event(h, entry, ledgerEvent(entry));
        cells(h, page, trail);
        return layout.answer(
                HttpStatus.OK,
                page,
                Viewer.of(request).orElseThrow(),
                Layout.Page.of("记账记录 " + postingId, unit, year, h.toString(), null));
    }

    private static String status(PostingTrail.Trail trail) {
        if (trail.entry().isReversal()) {
            return "冲销记录，撤回 " + esc(trail.entry().reversed().postingId());
        }
        return trail.reversedBy() == null
                ? "有效"
                : "已被冲销（冲销记录 " + esc(trail.reversedBy().postingId()) + "）";
    }

    /** What the ledger service said of the event: {@code answered} false when it could not be asked. */
    private record Held(boolean answered, Optional<EventEnvelope> event) {}

    /** The event as the ledger service holds it; answered without it is a finding, which the page says. */
    private Held ledgerEvent(JournalEntry entry) {
        try {
            return new Held(true, ledger.event(entry.ledger(), entry.sequence()));
        } catch (RestClientException e) {
            return new Held(false, Optional.empty());
        }
    }

    private static void event(StringBuilder h, JournalEntry entry, Held held) {
        h.append("<h2>记录它的事件</h2>\n<dl class=\"event\">\n<dt>事件序号</dt><dd data-sequence=\"")
                .append(entry.sequence())
                .append("\">")
                .append(entry.sequence())
                .append("</dd>\n<dt>事件编号</dt><dd><code>")
                .append(esc(entry.eventId()))
                .append("</code></dd>\n<dt>记录时间</dt><dd><time datetime=\"")
                .append(esc(String.valueOf(entry.recordedAt())))
                .append("\">")
                .append(esc(Html.beijing(entry.recordedAt())))
                .append("</time></dd>\n<dt>发生日期</dt><dd>")
                .append(esc(String.valueOf(entry.routed().occurredOn())))
                .append("</dd>\n<dt>类型</dt><dd>")
                .append(esc(String.valueOf(entry.posting().type())))
                .append("</dd>\n<dt>金额（元）</dt><dd>")
                .append(esc(amount(entry)))
                .append("</dd>\n<dt>资金来源 · 功能分类 · 经济分类</dt><dd>")
                .append(esc(entry.routed().fundSource() + " · "
                        + orDash(entry.routed().functionalCode()) + " · "
                        + orDash(entry.routed().economicCode())))
                .append("</dd>\n<dt>摘要</dt><dd>")
                .append(esc(
                        entry.isReversal() && entry.posting().reason() != null
                                ? "冲销原因：" + entry.posting().reason()
                                : entry.posting().description()))
                .append("</dd>\n<dt>关联编号</dt><dd><code>")
                .append(esc(entry.correlationId()))
                .append("</code>（")
                .append(esc(entry.origin()))
                .append("）</dd>\n<dt>记账人</dt><dd><code>")
                .append(esc(
                        entry.actor() == null
                                ? org.budgetledger.contract.event.EventRevisions.UNRECORDED
                                : entry.actor()))
                .append("</code></dd>\n");
        if (!held.answered()) {
            h.append("<dt>事件哈希</dt><dd>账本服务无法访问，未能读取</dd>\n");
        } else if (held.event().isPresent()) {
            h.append("<dt>事件哈希</dt><dd><code data-hash>")
                    .append(esc(held.event().get().hash()))
                    .append("</code></dd>\n<dt>前一事件哈希</dt><dd><code>")
                    .append(esc(held.event().get().previousHash()))
                    .append("</code></dd>\n");
        } else {
            h.append("<dt>事件哈希</dt><dd class=\"error\" data-missing-in-ledger>账本服务没有此事件：与账本历史不符，请报告</dd>\n");
        }
        h.append("</dl>\n");
    }

    /** A reversal carries no amount of its own: it withdraws the reversed posting's. */
    private static String amount(JournalEntry entry) {
        Money own = entry.posting().amount();
        return own != null ? own.toString() : "撤回 " + entry.routed().amount();
    }

    private static String orDash(String code) {
        return code == null ? "—" : code;
    }

    /** Every cell it feeds in its own unit; the same amounts reach every unit above it. */
    private static void cells(StringBuilder h, PageRequest page, PostingTrail.Trail trail) {
        String unit = org.budgetledger.contract.LedgerId.parse(trail.ledger()).unitCode();
        int year = org.budgetledger.contract.LedgerId.parse(trail.ledger()).fiscalYear();
        String base = "/workspace/" + segment(unit) + "/" + year;
        h.append("<table class=\"trail\">\n<caption>它计入的报表数字（")
                .append(esc(unit))
                .append(" 本单位；同样计入 ")
                .append(esc(String.join("、", trail.consolidatedInto())))
                .append(" 的合并数）</caption>\n<thead><tr><th scope=\"col\">数据键</th>")
                .append("<th scope=\"col\">计入金额（元）</th></tr></thead>\n<tbody>\n");
        trail.cells()
                .forEach((key, money) -> h.append("<tr data-feeds=\"")
                        .append(esc(key))
                        .append("\"><th scope=\"row\"><a href=\"")
                        .append(esc(PageRequest.link(base + "/cells/" + key, page.asOf(), true)))
                        .append("\"><code>")
                        .append(esc(key))
                        .append("</code></a></th><td class=\"amount\">")
                        .append(esc(money.toString()))
                        .append("</td></tr>\n"));
        h.append("</tbody>\n</table>\n");
    }
}
