package org.budgetledger.projection.report.domain;

/**
 * One printed cell of a table: its text as printed (blank, "0", "0.00", "无", a name …), how many columns and rows it
 * spans, whether it is an amount (renderers align it right and spreadsheets store it as a number when it parses), and
 * for an amount the key of the figure it prints (docs/CELLS.md; null for any other cell), so that a reader can follow
 * the printed figure to its audit trail.
 */
public record Cell(String text, int colSpan, int rowSpan, boolean amount, String key) {

    public Cell {
        text = text == null ? "" : text;
        if (colSpan < 1 || rowSpan < 1) {
            throw new IllegalArgumentException("spans must be at least 1");
        }
    }

    public Cell(String text, int colSpan, int rowSpan, boolean amount) {
        this(text, colSpan, rowSpan, amount, null);
    }

    public static Cell text(String text) {
        return new Cell(text, 1, 1, false);
    }

    /** An amount that prints no figure (a blank line's column). */
    public static Cell amount(String text) {
        return new Cell(text, 1, 1, true);
    }

    /** The printed figure of the cell {@code key}. */
    public static Cell figure(String text, String key) {
        return new Cell(text, 1, 1, true, key);
    }

    public static Cell span(String text, int colSpan, int rowSpan) {
        return new Cell(text, colSpan, rowSpan, false);
    }
}
