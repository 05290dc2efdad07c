package org.budgetledger.projection.report.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.budgetledger.projection.report.domain.Grid;
import org.budgetledger.projection.report.domain.ReportTable;

/**
 * One table as CSV in the official layout: the title, the 部门 / 表号 / 单位 line, the header rows (a spanned heading in
 * its first position, blanks under the span) with the 栏次 row, the body rows as printed (blank vs "0" vs "无" kept),
 * the note and the empty-table statement. RFC 4180 quoting, CRLF, UTF-8 with a BOM so that Excel reads the Chinese
 * text right.
 */
public final class CsvRenderer {

    public static final String BOM = "\uFEFF";

    private CsvRenderer() {}

    /** The CSV text, starting with the BOM. */
    public static String render(ReportTable table) {
        StringBuilder csv = new StringBuilder(BOM);
        line(csv, List.of(table.title()));
        line(csv, List.of(table.department(), table.number(), table.unit()));
        Grid header = table.headerGrid();
        header.text().forEach(row -> line(csv, row));
        Grid body = table.bodyGrid();
        body.text().forEach(row -> line(csv, row));
        line(csv, List.of(table.note()));
        table.emptyStatement().ifPresent(s -> line(csv, List.of(s)));
        return csv.toString();
    }

    /** The CSV as UTF-8 bytes (with the BOM). */
    public static byte[] bytes(ReportTable table) {
        return render(table).getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** A figure as the tables print it: a sign, digits (grouped or not), decimals. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");

    public static String field(String value) {
        String v = value;
        // a text starting like a formula would run in a spreadsheet (also "-" and "+": "-2+3" or "+cmd|..." are
        // formulas to Excel and LibreOffice): keep it text, unless it is a figure, which must stay a number
        if (!v.isEmpty()
                && "=+-@\t\r".indexOf(v.charAt(0)) >= 0
                && !NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** Reads CSV text written by {@link #render} (or any RFC 4180 text) back into rows of fields; a BOM is skipped. */
    public static List<List<String>> parse(String csv) {
        String text = csv.startsWith(BOM) ? csv.substring(1) : csv;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (any) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
