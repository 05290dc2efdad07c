package org.budgetledger.projection.workspace.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.budgetledger.projection.report.render.HtmlRenderer;

/** Escaping and the few formats every page writes alike. */
public final class Html {

    /** Readers are in China: instants are shown in Beijing time, with the instant itself beside where it matters. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);

    private Html() {}

    /** Text for element content and attribute values. */
    public static String esc(String text) {
        return text == null ? "" : HtmlRenderer.esc(text);
    }

    /** A path segment (a unit code, a source system): percent-encoded. */
    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A unit's page's heading: its title, then the unit, the year and, where it matters, the scope. */
    public static String heading(String title, String unit, int year, Boolean self) {
        String scope = self == null ? "" : self ? "（仅本单位）" : "（合并）";
        return "<h1>" + esc(title) + " <span class=\"unit\">" + esc(unit) + " " + year + "年度" + scope
                + "</span></h1>\n";
    }

    /** "2020-12-31 18:00:00（北京时间）". */
    public static String beijing(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant) + "（北京时间）";
    }
}
