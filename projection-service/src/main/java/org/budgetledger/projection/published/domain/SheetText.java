package org.budgetledger.projection.published.domain;

import java.util.List;

/**
 * One sheet of a published document as text: every cell's text (numbers as plain decimals), a merged region's text in
 * each of its cells, as a reader of the printed table sees it. Rows and columns beyond the data read as blank.
 */
public record SheetText(String name, List<List<String>> rows) {

    /** Rows read at most from one sheet: the longest table (05 of a large department) has a few hundred. */
    public static final int MAX_ROWS = 5_000;

    public static final int MAX_COLUMNS = 64;

    public SheetText {
        rows = rows.stream().map(List::copyOf).toList();
    }

    public String at(int row, int column) {
        if (row < 0
                || row >= rows.size()
                || column < 0
                || column >= rows.get(row).size()) {
            return "";
        }
        String text = rows.get(row).get(column);
        return text == null ? "" : text;
    }

    /** A row's texts (empty beyond the data). */
    public List<String> row(int row) {
        return row < 0 || row >= rows.size() ? List.of() : rows.get(row);
    }

    public int height() {
        return rows.size();
    }

    public int width() {
        return rows.stream().mapToInt(List::size).max().orElse(0);
    }

    /** Text compared as a heading: without any white space (the official layout spaces "项 目", "栏 次"). */
    public static String normalized(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000\\u00a0]+", "");
    }
}
