package org.budgetledger.projection.workspace.page;

import static org.budgetledger.projection.workspace.page.Html.esc;

import java.nio.charset.StandardCharsets;
import org.budgetledger.projection.workspace.session.WorkspaceSession;
import org.budgetledger.projection.workspace.session.WorkspaceSettings;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The frame of every workspace page: the header with who is signed in and the sign-out, the years and the tree of
 * units, the as-of picker, and the content region ({@code <main id="content">}) that a page following new postings
 * replaces in place. One stylesheet and one script of our own, served from the application; no inline script.
 */
@Component
public class Layout {

    /** What a page shows inside the frame. {@code live}: the positions it follows (null: a fixed page). */
    public record Page(String title, String unit, Integer year, String content, Live live, boolean charts) {
        public static Page of(String title, String unit, Integer year, String content, Live live) {
            return new Page(title, unit, year, content, live, false);
        }
    }

    /** Where a page asks how many events its figures include, and how many they include now. */
    public record Live(String positionUrl, long position) {}

    private final Navigation navigation;
    private final int pollSeconds;

    public Layout(Navigation navigation, WorkspaceSettings settings) {
        this.navigation = navigation;
        this.pollSeconds = settings.pollSeconds();
    }

    public ResponseEntity<String> answer(HttpStatus status, PageRequest request, Viewer viewer, Page page) {
        return html(status, render(request, viewer, page));
    }

    public static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    public String render(PageRequest request, Viewer viewer, Page page) {
        StringBuilder h = new StringBuilder(64 * 1024);
        head(h, page.title(), page.charts());
        h.append("<body>\n<a class=\"skip\" href=\"#content\">跳到正文</a>\n<header class=\"topbar\">\n")
                .append("<a class=\"brand\" href=\"/workspace/\">部门决算工作台</a>\n");
        if (viewer != null) {
            h.append("<span class=\"who\">身份：")
                    .append(esc(viewer.rolesZh()))
                    .append("</span>\n<form class=\"sign-out\" method=\"post\" action=\"/workspace/sign-out\">")
                    .append("<input type=\"hidden\" name=\"")
                    .append(WorkspaceSession.FORM_TOKEN)
                    .append("\" value=\"")
                    .append(esc(viewer.formToken()))
                    .append("\"/><button type=\"submit\">退出登录</button></form>\n");
        }
        h.append("</header>\n<div class=\"frame")
                .append(viewer == null ? " single" : "")
                .append("\">\n");
        if (viewer != null) {
            h.append(navigation.html(request, page.unit(), page.year()));
        }
        h.append("<div class=\"body\">\n");
        if (viewer != null) {
            asOfPicker(h, request);
        }
        h.append("<main id=\"content\" tabindex=\"-1\"");
        if (page.live() != null && request.asOf() == null) {
            h.append(" data-live=\"")
                    .append(esc(page.live().positionUrl()))
                    .append("\" data-position=\"")
                    .append(page.live().position())
                    .append("\" data-poll-seconds=\"")
                    .append(pollSeconds)
                    .append('"');
        }
        h.append(">\n").append(page.content()).append("</main>\n</div>\n</div>\n");
        h.append("<div id=\"live-status\" class=\"live-status\" role=\"status\" aria-live=\"polite\"></div>\n");
        return h.append("</body>\n</html>\n").toString();
    }

    private static void head(StringBuilder h, String title, boolean charts) {
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>")
                .append(esc(title))
                .append(" · 部门决算工作台</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/workspace/assets/report.css\"/>\n")
                .append("<link rel=\"stylesheet\" href=\"/workspace/assets/workspace.css\"/>\n");
        if (charts) {
            h.append("<script src=\"/workspace/assets/vendor/echarts/echarts.min.js\" defer></script>\n");
        }
        h.append("<script src=\"/workspace/assets/workspace.js\" defer></script>\n</head>\n");
    }

    /**
     * A date-time picker that reloads the page as of the instant chosen (the script turns the local time into an ISO
     * instant in {@code asOf}); the page's scope goes along; "最新" goes back to now.
     */
    private static void asOfPicker(StringBuilder h, PageRequest request) {
        h.append("<form class=\"as-of\" method=\"get\" action=\"")
                .append(esc(request.path()))
                .append("\" data-as-of-form>\n<label for=\"as-of-local\">查看时点</label>\n")
                .append("<input type=\"datetime-local\" id=\"as-of-local\" step=\"1\"/>\n")
                .append("<input type=\"hidden\" name=\"asOf\" id=\"as-of\" value=\"")
                .append(request.asOf() == null ? "" : esc(request.asOf().toString()))
                .append("\"/>\n");
        if (request.self()) {
            h.append("<input type=\"hidden\" name=\"scope\" value=\"self\"/>\n");
        }
        h.append("<button type=\"submit\">按此时点查看</button>\n<a class=\"now\" href=\"")
                .append(esc(PageRequest.link(request.path(), null, request.self())))
                .append("\">回到最新</a>\n<p class=\"as-of-state\">");
        if (request.asOf() == null) {
            h.append("显示最新数据，有新的记账时自动更新。");
        } else {
            h.append("显示截至 <time datetime=\"")
                    .append(esc(request.asOf().toString()))
                    .append("\">")
                    .append(esc(Html.beijing(request.asOf())))
                    .append("</time> 已记录的数据（")
                    .append(esc(request.asOf().toString()))
                    .append("）。");
        }
        h.append("</p>\n</form>\n");
    }
}
