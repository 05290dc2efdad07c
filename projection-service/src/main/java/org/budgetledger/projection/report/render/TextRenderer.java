package org.budgetledger.projection.report.render;

import java.util.List;
import org.budgetledger.projection.report.domain.Grid;
import org.budgetledger.projection.report.domain.ReportTable;

/** One table as plain text for a terminal: columns padded to their widest cell (CJK characters count double). */
public final class TextRenderer {

    private TextRenderer() {}

    public static String render(ReportTable table) {
        Grid header = table.headerGrid();
        Grid body = table.bodyGrid();
        int[] widths = new int[table.columns()];
        for (List<List<String>> rows : List.of(header.text(), body.text())) {
            for (List<String> row : rows) {
                for (int c = 0; c < row.size(); c++) {
                    widths[c] = Math.max(widths[c], width(row.get(c)));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(table.title()).append('\n');
        out.append(table.department())
                .append("    ")
                .append(table.number())
                .append("    ")
                .append(table.unit())
                .append('\n');
        String rule = "-".repeat(java.util.Arrays.stream(widths).sum() + 2 * widths.length) + '\n';
        out.append(rule);
        header.text().forEach(row -> line(out, row, widths, null));
        out.append(rule);
        for (int r = 0; r < body.text().size(); r++) {
            line(out, body.text().get(r), widths, body.amounts().get(r));
        }
        out.append(rule);
        out.append(table.note()).append('\n');
        table.emptyStatement().ifPresent(s -> out.append(s).append('\n'));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> row, int[] widths, List<Boolean> amounts) {
        for (int c = 0; c < row.size(); c++) {
            String text = row.get(c);
            String pad = " ".repeat(widths[c] - width(text));
            boolean right = amounts != null && c < amounts.size() && Boolean.TRUE.equals(amounts.get(c));
            out.append(right ? pad + text : text + pad).append("  ");
        }
        out.setLength(out.length() - 2);
        out.append('\n');
    }

    /** Display width: East Asian wide characters take two columns. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += (cp >= 0x1100
                            && (cp <= 0x115f
                                    || (cp >= 0x2e80 && cp <= 0xa4cf)
                                    || (cp >= 0xac00 && cp <= 0xd7a3)
                                    || (cp >= 0xf900 && cp <= 0xfaff)
                                    || (cp >= 0xfe30 && cp <= 0xfe4f)
                                    || (cp >= 0xff00 && cp <= 0xff60)
                                    || (cp >= 0xffe0 && cp <= 0xffe6)))
                    ? 2
                    : 1;
            i += Character.charCount(cp);
        }
        return w;
    }
}
