package org.budgetledger.projection.report.render;

import java.util.List;
import org.budgetledger.projection.report.domain.Cell;
import org.budgetledger.projection.report.domain.ContentsEntry;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportTable;
import org.budgetledger.projection.report.domain.Section;
import org.budgetledger.projection.report.domain.TextPart;

/**
 * The whole disclosure as one self-contained, printable page: inline CSS, A4 pages (wide tables in landscape), a page
 * break before the 目录, each part and each table, tables bordered and laid out like the seed's with their 栏次 rows.
 * The output is well-formed XHTML (every text escaped, empty elements closed), so it can also be read as XML.
 */
public final class HtmlRenderer {

    private static final int WIDE = 8;

    /**
     * How the figures of the tables are written: as printed text (the printed page), or each as an element with
     * {@code data-cell="<cell key>"} holding the printed figure, a link to {@code href(key)} where that is not null
     * (the workspace links each figure to its audit trail for the roles that may read it).
     */
    @FunctionalInterface
    public interface FigureLinks {
        /** The address of a figure's audit trail, or null to mark the figure without a link. */
        String href(String cellKey);
    }

    /** The page's own frame: the sheet of paper it prints on, and the body's font. */
    private static final String PAGE_CSS = """
            @page { size: A4 portrait; margin: 18mm 15mm; }
            @page wide { size: A4 landscape; margin: 12mm 12mm; }
            body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; color: #000; margin: 0; }
            @media screen { body { max-width: 210mm; margin: 0 auto; padding: 10mm; } }
            """;

    /** The disclosure's layout: parts, headings, paragraphs and the tables, wherever the disclosure is shown. */
    private static final String CONTENT_CSS = """
            .page { break-before: page; page-break-before: always; }
            .cover { text-align: center; padding-top: 80mm; break-before: auto; page-break-before: auto; }
            .cover h1 { font-size: 24pt; font-weight: bold; margin: 0 0 12mm 0; }
            h2.part { text-align: center; font-size: 18pt; margin: 0 0 2mm 0; }
            h2.part-title { text-align: center; font-size: 16pt; margin: 0 0 8mm 0; }
            h3 { font-size: 13pt; margin: 5mm 0 2mm 0; }
            h4 { font-size: 12pt; margin: 3mm 0 2mm 2em; }
            p { text-indent: 2em; line-height: 1.8; margin: 0 0 1.5mm 0; text-align: justify; }
            ul.contents { list-style: none; padding: 0; line-height: 2; }
            ul.contents li.level-0 { font-weight: bold; }
            ul.contents li.level-1 { padding-left: 2em; }
            .table-page.wide { page: wide; }
            .table-title { text-align: center; font-size: 15pt; font-weight: bold; margin: 0 0 3mm 0; }
            .table-meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 1mm; }
            table.accounts { border-collapse: collapse; width: 100%; font-size: 9pt; }
            table.accounts th, table.accounts td { border: 0.6pt solid #000; padding: 1mm 1.2mm; vertical-align: middle; }
            table.accounts th { font-weight: bold; text-align: center; background: #f2f2f2; }
            table.accounts td.amount { text-align: right; white-space: nowrap; }
            table.accounts td.label { text-align: left; }
            p.note, p.statement { text-indent: 0; font-size: 9.5pt; margin-top: 2mm; }
            p.contact { margin-top: 8mm; }
            p.source { margin-top: 12mm; font-size: 10pt; }
            @media screen { .page { border-top: 1px dashed #999; padding-top: 8mm; margin-top: 8mm; } }
            """;

    private static final String CSS = PAGE_CSS + CONTENT_CSS;

    private HtmlRenderer() {}

    /** The layout of the disclosure's content (no page frame), for a page that shows it inside its own. */
    public static String contentCss() {
        return CONTENT_CSS;
    }

    public static String render(Report report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append(
                        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" xml:lang=\"zh-CN\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n<title>")
                .append(esc(report.unitName() + report.coverTitle()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        content(h, report, null);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The disclosure's content as the printed page has it (cover, 目录, the parts and the tables), without the page
     * around it; each figure marked with its cell key and linked as {@code links} says.
     */
    public static String content(Report report, FigureLinks links) {
        StringBuilder h = new StringBuilder(64 * 1024);
        content(h, report, links == null ? key -> null : links);
        return h.toString();
    }

    private static void content(StringBuilder h, Report report, FigureLinks links) {
        h.append("<section class=\"cover\">\n<h1>")
                .append(esc(report.unitName()))
                .append("</h1>\n<h1>")
                .append(esc(report.coverTitle()))
                .append("</h1>\n");
        report.source()
                .ifPresent(t -> h.append("<p class=\"source\">").append(esc(t)).append("</p>\n"));
        h.append("</section>\n");

        h.append("<section class=\"page contents\">\n<h2 class=\"part\">目录</h2>\n<ul class=\"contents\">\n");
        for (ContentsEntry entry : report.contents()) {
            h.append("<li class=\"level-")
                    .append(entry.level())
                    .append("\">")
                    .append(esc(entry.text()))
                    .append("</li>\n");
        }
        h.append("</ul>\n</section>\n");

        textPart(h, report.overview());
        h.append("<section class=\"page part-tables\">\n");
        partHeading(h, report.tables().number(), report.tables().title());
        h.append("</section>\n");
        for (ReportTable table : report.tables().tables()) {
            table(h, table, links);
        }
        textPart(h, report.explanation());
        textPart(h, report.glossary());
        report.other().ifPresent(o -> textPart(h, o));
        report.contact()
                .ifPresent(c -> h.append("<p class=\"contact\">").append(esc(c)).append("</p>\n"));
    }

    private static void partHeading(StringBuilder h, String number, String title) {
        h.append("<h2 class=\"part\">")
                .append(esc(number))
                .append("</h2>\n<h2 class=\"part-title\">")
                .append(esc(title))
                .append("</h2>\n");
    }

    private static void textPart(StringBuilder h, TextPart part) {
        h.append("<section class=\"page\">\n");
        partHeading(h, part.number(), part.title());
        for (Section section : part.sections()) {
            section(h, section, 3);
        }
        h.append("</section>\n");
    }

    private static void section(StringBuilder h, Section section, int level) {
        if (!section.heading().isEmpty()) {
            int tag = Math.min(level, 6);
            h.append("<h")
                    .append(tag)
                    .append('>')
                    .append(esc(section.heading()))
                    .append("</h")
                    .append(tag)
                    .append(">\n");
        }
        for (String paragraph : section.paragraphs()) {
            h.append("<p>").append(esc(paragraph)).append("</p>\n");
        }
        for (Section sub : section.subsections()) {
            section(h, sub, level + 1);
        }
    }

    private static void table(StringBuilder h, ReportTable table, FigureLinks links) {
        h.append("<section class=\"page table-page")
                .append(table.columns() > WIDE ? " wide" : "")
                .append("\" id=\"table-")
                .append(esc(table.id()))
                .append("\">\n");
        h.append("<div class=\"table-title\">").append(esc(table.title())).append("</div>\n");
        h.append("<div class=\"table-meta\"><span>")
                .append(esc(table.department()))
                .append("</span><span>")
                .append(esc(table.number()))
                .append("</span><span>")
                .append(esc(table.unit()))
                .append("</span></div>\n");
        h.append("<table class=\"accounts\">\n<thead>\n");
        rows(h, table.header(), "th", links);
        h.append("</thead>\n<tbody>\n");
        rows(h, table.body(), "td", links);
        h.append("</tbody>\n</table>\n");
        h.append("<p class=\"note\">").append(esc(table.note())).append("</p>\n");
        table.emptyStatement()
                .ifPresent(
                        s -> h.append("<p class=\"statement\">").append(esc(s)).append("</p>\n"));
        h.append("</section>\n");
    }

    private static void rows(StringBuilder h, List<List<Cell>> rows, String tag, FigureLinks links) {
        for (List<Cell> row : rows) {
            h.append("<tr>");
            for (Cell cell : row) {
                h.append('<').append(tag);
                if (tag.equals("td")) {
                    h.append(" class=\"")
                            .append(cell.amount() ? "amount" : "label")
                            .append('"');
                }
                if (cell.colSpan() > 1) {
                    h.append(" colspan=\"").append(cell.colSpan()).append('"');
                }
                if (cell.rowSpan() > 1) {
                    h.append(" rowspan=\"").append(cell.rowSpan()).append('"');
                }
                h.append('>');
                figure(h, cell, links);
                h.append("</").append(tag).append('>');
            }
            h.append("</tr>\n");
        }
    }

    /** A figure as printed, or (for a page that links figures) marked with its key and linked to its trail. */
    private static void figure(StringBuilder h, Cell cell, FigureLinks links) {
        if (links == null || cell.key() == null || cell.text().isEmpty()) {
            h.append(esc(cell.text()));
            return;
        }
        String href = links.href(cell.key());
        String tag = href == null ? "span" : "a";
        h.append('<').append(tag);
        if (href != null) {
            h.append(" href=\"").append(esc(href)).append('"');
        }
        h.append(" data-cell=\"")
                .append(esc(cell.key()))
                .append("\">")
                .append(esc(cell.text()))
                .append("</")
                .append(tag)
                .append('>');
    }

    /** Escapes text for element content and attribute values; drops characters XML cannot carry. */
    public static String esc(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    if (c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        s.appendCodePoint(c);
                    }
                }
            }
        });
        return s.toString();
    }
}
