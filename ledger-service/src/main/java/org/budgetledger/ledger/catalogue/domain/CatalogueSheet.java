package org.budgetledger.ledger.catalogue.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;

/**
 * The codes of a catalogue as a spreadsheet lays them out (the ministry's 《政府收支分类科目》, or any table with a code
 * column and a name column): title rows above a heading row, which names the columns, then one code per row. Two
 * layouts are read:
 *
 * <ul>
 *   <li>a code column (heading 科目编码, 编码, 代码, code…) and a name column (科目名称, 名称, name…);
 *   <li>the ministry's split columns 类, 款, 项 and a name column: 款 and 项 hold their own two digits, and a row's code
 *       is its 类 (carried down from the rows above where left blank) followed by them.
 * </ul>
 *
 * Without a heading row, the first column is the code and the second the name. Rows without a code (notes, blank
 * lines) are skipped and counted. Everything wrong is collected, each with its row number (1-based, as the
 * spreadsheet shows it), so that one answer lists every row to fix.
 */
public final class CatalogueSheet {

    /** More rows than any year's catalogue has, by far (the web's file reader stops there too). */
    public static final int MAX_ROWS = 25_000;

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Indentation and separators a sheet puts around its text: ASCII and ideographic spaces, non-breaking ones. */
    private static final Pattern TRIM = Pattern.compile("^[\\s\\u3000\\u00a0]+|[\\s\\u3000\\u00a0]+$");

    private CatalogueSheet() {}

    /** A code read from the sheet, and the row it stood on. */
    public record Row(int row, CatalogueEntry entry) {}

    /** What is wrong with a row: its number, the column, and a message naming both. */
    public record Problem(int row, String field, String message) {}

    /** The codes read, the problems found, and how many rows held no code (titles, notes, blank lines). */
    public record Parsed(List<Row> rows, List<Problem> problems, int skipped) {}

    /** The columns of the heading row: the code's (or the 类/款/项 columns), and the name's. */
    private record Layout(int headingRow, int code, int lei, int kuan, int xiang, int name) {
        boolean split() {
            return lei >= 0;
        }
    }

    public static Parsed parse(List<List<String>> cells, CatalogueKind kind) {
        List<Problem> problems = new ArrayList<>();
        if (cells.size() > MAX_ROWS) {
            problems.add(new Problem(MAX_ROWS + 1, "rows", "the sheet has more than " + MAX_ROWS + " rows"));
            return new Parsed(List.of(), problems, 0);
        }
        Layout layout = layout(cells);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int skipped = layout.headingRow() + 1;
        String lei = null;
        String kuan = null;
        for (int r = layout.headingRow() + 1; r < cells.size(); r++) {
            List<String> row = cells.get(r);
            int number = r + 1;
            String name = text(row, layout.name());
            String code;
            if (layout.split()) { // 类 and 款 carry down to the rows below that leave them blank
                String l = text(row, layout.lei());
                String k = text(row, layout.kuan());
                String x = text(row, layout.xiang());
                kuan = !l.isEmpty() ? (k.isEmpty() ? null : k) : (k.isEmpty() ? kuan : k);
                lei = l.isEmpty() ? lei : l;
                if (!x.isEmpty() && kuan == null) { // a 项 must sit under a 款: never read as a 款 of its own
                    problems.add(new Problem(number, "code", "row " + number + ": 项 " + x + " has no 款 above it"));
                    continue;
                }
                code = splitCode(lei, l, x.isEmpty() ? k : kuan, x);
            } else {
                code = text(row, layout.code());
            }
            if (code.isEmpty() || !DIGITS.matcher(code).matches()) {
                skipped++; // a title, a note (注：…) or a blank line: no code on it
                continue;
            }
            if (!kind.isLevel(code)) {
                problems.add(new Problem(
                        number,
                        "code",
                        "row " + number + ": code " + code + " is not a " + kind.path() + " code of "
                                + (kind == CatalogueKind.FUNCTIONAL ? "3, 5 or 7" : "3 or 5") + " digits"));
            } else if (name.isEmpty() || name.length() > CatalogueBook.MAX_NAME) {
                problems.add(new Problem(
                        number,
                        "name",
                        "row " + number + ": code " + code + " needs a name (1-" + CatalogueBook.MAX_NAME
                                + " characters)"));
            } else if (seen.putIfAbsent(code, number) != null) {
                problems.add(new Problem(
                        number, "code", "row " + number + ": code " + code + " is on row " + seen.get(code) + " too"));
            } else {
                rows.add(new Row(number, new CatalogueEntry(code, name)));
            }
        }
        return new Parsed(rows, problems, skipped);
    }

    /** 类 alone; 类 + 款; 类 + 款 + 项, from the columns a row fills. */
    private static String splitCode(String lei, String ownLei, String kuan, String xiang) {
        if (kuan.isEmpty() && xiang.isEmpty()) {
            return ownLei;
        }
        if (lei == null) {
            return kuan + xiang; // no 类 above it: reported as a code of the wrong length
        }
        return lei + kuan + xiang;
    }

    /** The first row among the first twenty that names a code and a name column; none: columns 1 and 2. */
    private static Layout layout(List<List<String>> cells) {
        for (int r = 0; r < Math.min(20, cells.size()); r++) {
            List<String> row = cells.get(r);
            int code = -1;
            int lei = -1;
            int kuan = -1;
            int xiang = -1;
            int name = -1;
            for (int c = 0; c < row.size(); c++) {
                String heading = text(row, c).replace(" ", "").toLowerCase(Locale.ROOT);
                switch (heading) {
                    case "类" -> lei = c;
                    case "款" -> kuan = c;
                    case "项" -> xiang = c;
                    default -> {
                        if (code < 0 && (heading.contains("编码") || heading.contains("代码") || heading.equals("code"))) {
                            code = c;
                        } else if (name < 0 && (heading.contains("名称") || heading.equals("name"))) {
                            name = c;
                        }
                    }
                }
            }
            if (name >= 0 && lei >= 0 && kuan >= 0 && xiang >= 0) {
                return new Layout(r, -1, lei, kuan, xiang, name);
            }
            if (name >= 0 && code >= 0) {
                return new Layout(r, code, -1, -1, -1, name);
            }
        }
        return new Layout(-1, 0, -1, -1, -1, 1);
    }

    private static String text(List<String> row, int column) {
        if (column < 0 || column >= row.size() || row.get(column) == null) {
            return "";
        }
        return TRIM.matcher(row.get(column)).replaceAll("");
    }
}
