package org.budgetledger.projection.published.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.report.domain.Grid;
import org.budgetledger.projection.report.domain.TableSpec;

/**
 * Reads one table of a published document in the official layout, as a person reads it: found by its title, its
 * columns by their headings (the header rows' texts top-down, as our own export prints them), its rows by their
 * labels or codes. Positions do not matter: a table may start on any row and its columns may be in any order. What
 * cannot be read is a {@link Problem} naming the table, the row and the column.
 */
public final class TableReading {

    /** What was read of one table: fen by cell key (zeros left out), or the problems. */
    public record Result(Map<String, Long> cells, List<Problem> problems) {}

    private static final Pattern FUNCTIONAL_CODE = Pattern.compile("\\d{3}|\\d{5}|\\d{7}");
    private static final Pattern ECONOMIC_CODE = Pattern.compile("\\d{3}|\\d{5}");
    private static final Pattern NUMERAL = Pattern.compile("^[一二三四五六七八九十百]+、");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** Rows between a table's title and its header, at most. */
    private static final int HEADER_SEARCH = 8;

    private final TableSpec spec;
    private final SheetText sheet;
    private final Function<String, Optional<String>> classCodeByName;
    private final Map<String, Long> cells = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int headerStart;
    private int headerCount;

    private TableReading(TableSpec spec, SheetText sheet, Function<String, Optional<String>> classCodeByName) {
        this.spec = spec;
        this.sheet = sheet;
        this.classCodeByName = classCodeByName;
    }

    /** The row of the sheet that holds the table's title, if any. */
    public static Optional<Integer> titleRow(TableSpec spec, SheetText sheet) {
        String title = SheetText.normalized(spec.title());
        for (int r = 0; r < Math.min(sheet.height(), SheetText.MAX_ROWS); r++) {
            for (int c = 0; c < Math.min(sheet.width(), SheetText.MAX_COLUMNS); c++) {
                if (SheetText.normalized(sheet.at(r, c)).equals(title)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the table whose title is on row {@code title}.
     *
     * @param classCodeByName the 类 code of a functional class name (01 / 04 print 类 by name)
     */
    public static Result read(
            TableSpec spec, SheetText sheet, int title, Function<String, Optional<String>> classCodeByName) {
        TableReading reading = new TableReading(spec, sheet, classCodeByName);
        reading.read(title);
        return new Result(Map.copyOf(reading.cells), List.copyOf(reading.problems));
    }

    private void read(int title) {
        Grid grid = Grid.of(spec.header(), spec.columns());
        List<List<String>> expected = expanded(grid);
        Optional<Integer> header = headerRow(title, expected.get(0));
        if (header.isEmpty()) {
            problem(
                    null,
                    null,
                    "its header was not found under the title: expected the headings "
                            + expected.get(0).stream()
                                    .map(SheetText::normalized)
                                    .filter(s -> !s.isEmpty())
                                    .distinct()
                                    .toList());
            return;
        }
        int headerRows = expected.size();
        if (isColumnNumbers(expected.get(headerRows - 1))
                && !isColumnNumbers(sheet.row(header.get() + headerRows - 1))) {
            headerRows--; // a document without the 栏次 row
        }
        headerStart = header.get();
        headerCount = headerRows;
        // a spreadsheet repeats a spanning heading over its cells (merged); CSV writes it once, in its first position
        List<Problem> spanned = new ArrayList<>();
        Map<Integer, Integer> columns = columns(expected, header.get(), headerRows, spanned);
        if (columns.size() < spec.columns()) {
            Map<Integer, Integer> once = columns(grid.text(), header.get(), headerRows, new ArrayList<>());
            if (once.size() < spec.columns()) {
                problems.addAll(spanned);
                return;
            }
            columns = once;
        }
        int body = header.get() + headerRows;
        int end = bodyEnd(body);
        if (spec instanceof TableSpec.Functional f) {
            functional(f, columns, body, end);
        } else if (spec instanceof TableSpec.Economic e) {
            economic(e, columns, body, end);
        } else if (spec instanceof TableSpec.Sangong s) {
            sangong(s, columns, body);
        } else {
            summary((TableSpec.Summary) spec, columns, body, end);
        }
    }

    // ---------------------------------------------------------------- finding the header and the columns

    private Optional<Integer> headerRow(int title, List<String> firstHeaderRow) {
        List<String> wanted = firstHeaderRow.stream()
                .map(SheetText::normalized)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        for (int r = title + 1; r <= title + HEADER_SEARCH && r < sheet.height(); r++) {
            List<String> found =
                    sheet.row(r).stream().map(SheetText::normalized).toList();
            if (found.containsAll(wanted)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The sheet column of each column of the table (by index), matched by heading path; a heading path printed on
     * several columns (06's three groups) matches in order. A heading the sheet lacks is a problem.
     */
    private Map<Integer, Integer> columns(
            List<List<String>> expected, int header, int headerRows, List<Problem> missing) {
        List<String> specPaths = new ArrayList<>();
        for (int c = 0; c < spec.columns(); c++) {
            int column = c;
            specPaths.add(path(r -> expected.get(r).get(column), Math.min(expected.size(), headerRows)));
        }
        List<String> sheetPaths = new ArrayList<>();
        for (int c = 0; c < Math.min(sheet.width(), SheetText.MAX_COLUMNS); c++) {
            int column = c;
            sheetPaths.add(path(r -> sheet.at(header + r, column), headerRows));
        }
        Map<Integer, Integer> matched = new HashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (int c = 0; c < specPaths.size(); c++) {
            String path = specPaths.get(c);
            int occurrence = used.merge(path, 1, Integer::sum);
            int found = nth(sheetPaths, path, occurrence);
            if (found < 0) {
                missing.add(new Problem(
                        spec.number() + " " + spec.title(), null, path, "no column has the heading " + path));
            } else {
                matched.put(c, found);
            }
        }
        return matched;
    }

    /** The heading path of a column: its header texts top-down, without 栏次 numbers and repeats of a spanning cell. */
    private static String path(java.util.function.IntFunction<String> text, int rows) {
        List<String> parts = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String t = SheetText.normalized(text.apply(r));
            if (t.isEmpty()
                    || t.equals("栏次")
                    || t.matches("\\d+")
                    || (!parts.isEmpty() && parts.get(parts.size() - 1).equals(t))) {
                continue;
            }
            parts.add(t);
        }
        return String.join("/", parts);
    }

    private static int nth(List<String> paths, String path, int occurrence) {
        int seen = 0;
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).equals(path) && ++seen == occurrence) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isColumnNumbers(List<String> row) {
        return row.stream().map(SheetText::normalized).anyMatch("栏次"::equals);
    }

    /** The body ends at the note (注：…), at the next table's title, or after the last row. */
    private int bodyEnd(int body) {
        int r = body;
        while (r < sheet.height() && r < body + SheetText.MAX_ROWS) {
            String first = sheet.row(r).stream()
                    .map(SheetText::normalized)
                    .filter(s -> !s.isEmpty())
                    .findFirst()
                    .orElse("");
            if (first.startsWith("注：") || first.startsWith("注:")) {
                break;
            }
            r++;
        }
        return r;
    }

    /** The header as printed: the text of a spanning cell in every position it covers. */
    private static List<List<String>> expanded(Grid grid) {
        List<List<String>> rows = new ArrayList<>();
        grid.text().forEach(r -> rows.add(new ArrayList<>(r)));
        for (Grid.Region m : grid.merges()) {
            String text = grid.at(m.row(), m.column());
            for (int r = m.row(); r < m.row() + m.rowSpan(); r++) {
                for (int c = m.column(); c < m.column() + m.colSpan(); c++) {
                    rows.get(r).set(c, text);
                }
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- 02 / 03 / 05 / 08 / 09

    private void functional(TableSpec.Functional f, Map<Integer, Integer> columns, int body, int end) {
        String total = SheetText.normalized(f.totalLabel());
        for (int r = body; r < end; r++) {
            String label = SheetText.normalized(sheet.at(r, columns.get(0)));
            String row;
            if (label.isEmpty()) {
                requireBlank(r, columns, 2, "a row without 科目编码");
                continue;
            } else if (label.equals(total)) {
                row = "total";
            } else if (FUNCTIONAL_CODE.matcher(label).matches()) {
                row = label;
            } else {
                problem(
                        label,
                        null,
                        "'" + label + "' is neither " + f.totalLabel() + " nor a functional code (3, 5 or 7 digits)");
                continue;
            }
            for (int i = 0; i < f.amountColumns().size(); i++) {
                amount(
                        r,
                        label,
                        columns.get(i + 2),
                        f.id() + "/" + row + "/" + f.amountColumns().get(i));
            }
        }
    }

    // ---------------------------------------------------------------- 06

    private void economic(TableSpec.Economic e, Map<Integer, Integer> columns, int body, int end) {
        String personnel = SheetText.normalized(e.personnelLabel());
        String common = SheetText.normalized(e.publicLabel());
        for (int r = body; r < end; r++) {
            for (int g = 0; g < e.groups().size(); g++) {
                String code = SheetText.normalized(sheet.at(r, columns.get(3 * g)));
                if (ECONOMIC_CODE.matcher(code).matches()) {
                    amount(r, code, columns.get(3 * g + 2), CellKeys.amount(CellKeys.T06, code));
                } else if (!code.isEmpty() && !code.equals(personnel) && !code.equals(common)) {
                    problem(code, null, "'" + code + "' is not an economic code (3 or 5 digits)");
                }
            }
            labelledAmount(r, personnel, CellKeys.PERSONNEL_TOTAL_KEY);
            labelledAmount(r, common, CellKeys.PUBLIC_TOTAL_KEY);
        }
    }

    /** The amount printed right of a label (after the cells its span covers). */
    private void labelledAmount(int r, String label, String key) {
        List<String> row = sheet.row(r);
        for (int c = 0; c < row.size(); c++) {
            if (SheetText.normalized(row.get(c)).equals(label)) {
                int next = c;
                while (next < row.size() && SheetText.normalized(row.get(next)).equals(label)) {
                    next++; // the cells a merged label covers
                }
                while (next < row.size() && SheetText.normalized(row.get(next)).isEmpty()) {
                    next++; // the positions a label spans in CSV
                }
                if (next < row.size()
                        && AMOUNT.matcher(SheetText.normalized(row.get(next)).replace(",", ""))
                                .matches()) {
                    amount(r, label, next, key);
                }
                return;
            }
        }
    }

    // ---------------------------------------------------------------- 07

    private void sangong(TableSpec.Sangong s, Map<Integer, Integer> columns, int body) {
        int n = s.items().size();
        for (int i = 0; i < 2 * n; i++) {
            String key = i < n
                    ? CellKeys.sangongBudget(s.items().get(i))
                    : CellKeys.sangongActual(s.items().get(i % n));
            String text = SheetText.normalized(sheet.at(body, columns.get(i)));
            if (i < n && text.equals(SheetText.normalized(s.noBudget()))) {
                continue; // 无: no 三公 budget
            }
            amount(body, "1", columns.get(i), key);
        }
    }

    // ---------------------------------------------------------------- 01 / 04

    private void summary(TableSpec.Summary s, Map<Integer, Integer> columns, int body, int end) {
        int rightLabel = 2 + s.leftAmounts();
        Lines left = lines(s, true);
        Lines right = lines(s, false);
        for (int r = body; r < end; r++) {
            side(r, left, columns.get(0), columns, 2, s.leftAmounts());
            side(r, right, columns.get(rightLabel), columns, rightLabel + 2, s.rightAmounts());
        }
    }

    /**
     * The lines of one side by label: exact, and without their numbering (一、…) as a second chance. A label printed
     * twice (04: 一般公共预算财政拨款 under 本年收入 and under 年初结转和结余) is matched in order, so each label holds a
     * queue of the key lists still to be read.
     */
    private record Lines(
            Map<String, java.util.Deque<List<String>>> exact,
            Map<String, java.util.Deque<List<String>>> unnumbered,
            List<String> classPatterns,
            String ellipsis) {

        List<String> take(String label, String bare) {
            java.util.Deque<List<String>> byLabel = exact.get(label);
            java.util.Deque<List<String>> queue =
                    byLabel != null && !byLabel.isEmpty() ? byLabel : unnumbered.get(bare);
            if (queue == null || queue.isEmpty()) {
                return null;
            }
            List<String> keys = queue.poll();
            // the same line is gone from the other map too
            java.util.Deque<List<String>> other = queue == byLabel ? unnumbered.get(bare) : byLabel;
            if (other != null) {
                other.remove(keys);
            }
            return keys;
        }
    }

    private static Lines lines(TableSpec.Summary s, boolean leftSide) {
        Map<String, java.util.Deque<List<String>>> exact = new HashMap<>();
        Map<String, java.util.Deque<List<String>>> unnumbered = new HashMap<>();
        List<String> patterns = new ArrayList<>();
        String ellipsis = "";
        for (TableSpec.Block block : s.blocks()) {
            for (TableSpec.Line line : leftSide ? block.left() : block.right()) {
                if (line instanceof TableSpec.Fixed f && !f.keys().isEmpty()) {
                    exact.computeIfAbsent(SheetText.normalized(f.label()), k -> new java.util.ArrayDeque<>())
                            .add(f.keys());
                    unnumbered
                            .computeIfAbsent(
                                    NUMERAL.matcher(SheetText.normalized(f.label()))
                                            .replaceFirst(""),
                                    k -> new java.util.ArrayDeque<>())
                            .add(f.keys());
                } else if (line instanceof TableSpec.Classes c) {
                    patterns.addAll(c.keyPatterns());
                    ellipsis = SheetText.normalized(c.ellipsis());
                }
            }
        }
        return new Lines(exact, unnumbered, patterns, ellipsis);
    }

    private void side(
            int r, Lines lines, int labelColumn, Map<Integer, Integer> columns, int firstAmount, int amounts) {
        String label = SheetText.normalized(sheet.at(r, labelColumn));
        if (label.isEmpty()) {
            return;
        }
        String bare = NUMERAL.matcher(label).replaceFirst("");
        List<String> keys = lines.take(label, bare);
        if (keys == null && !lines.classPatterns().isEmpty()) {
            Optional<String> code = classCodeByName.apply(bare);
            if (code.isPresent()) {
                keys = lines.classPatterns().stream()
                        .map(p -> p.replace("{code}", code.get()))
                        .toList();
            } else if (bare.equals(lines.ellipsis()) || bare.isEmpty()) {
                return;
            }
        }
        if (keys == null) {
            boolean blank = true;
            for (int i = 0; i < amounts; i++) {
                blank &= SheetText.normalized(sheet.at(r, columns.get(firstAmount + i)))
                        .isEmpty();
            }
            if (!blank) {
                problem(label, null, "'" + label + "' is not a line of this table");
            }
            return;
        }
        for (int i = 0; i < Math.min(amounts, keys.size()); i++) {
            amount(r, label, columns.get(firstAmount + i), keys.get(i));
        }
    }

    // ---------------------------------------------------------------- amounts

    private void requireBlank(int r, Map<Integer, Integer> columns, int from, String what) {
        for (int c = from; c < spec.columns(); c++) {
            if (!SheetText.normalized(sheet.at(r, columns.get(c))).isEmpty()) {
                problem("row " + (r + 1), null, what + " holds an amount");
                return;
            }
        }
    }

    /** A printed 万元 amount (blank: zero) as fen under {@code key}. */
    private void amount(int r, String rowLabel, int column, String key) {
        String text = SheetText.normalized(sheet.at(r, column)).replace(",", "");
        if (text.isEmpty() || text.equals("-") || text.equals("—")) {
            return;
        }
        if (!AMOUNT.matcher(text).matches()) {
            problem(rowLabel, heading(column), "'" + text + "' is not an amount in 万元");
            return;
        }
        // the published figure is the printed one: 2 decimals (a workbook may hold more behind its format)
        long fen = Money.ofWanYuan(new BigDecimal(text).setScale(2, RoundingMode.HALF_UP))
                .fen();
        if (fen != 0) {
            cells.merge(key, fen, Math::addExact);
        }
    }

    private String heading(int sheetColumn) {
        String path = path(r -> sheet.at(headerStart + r, sheetColumn), headerCount);
        return path.isEmpty() ? "column " + (sheetColumn + 1) : path;
    }

    private void problem(String row, String column, String message) {
        problems.add(new Problem(spec.number() + " " + spec.title(), row, column, message));
    }
}
