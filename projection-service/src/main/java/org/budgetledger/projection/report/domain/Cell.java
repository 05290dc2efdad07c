package org.budgetledger.projection.report.domain;

/**
 * One printed cell of a table: its text as printed (blank, "0", "0.00", "无", a name …), how many columns and rows it
 * spans, and whether it is an amount (renderers align it right and spreadsheets store it as a number when it parses).
 */
public record Cell(String text, int colSpan, int rowSpan, boolean amount) {

    public Cell {
        text = text == null ? "" : text;
        if (colSpan < 1 || rowSpan < 1) {
            throw new IllegalArgumentException("spans must be at least 1");
        }
    }

    public static Cell text(String text) {
        return new Cell(text, 1, 1, false);
    }

    public static Cell amount(String text) {
        return new Cell(text, 1, 1, true);
    }

    public static Cell span(String text, int colSpan, int rowSpan) {
        return new Cell(text, colSpan, rowSpan, false);
    }
}
