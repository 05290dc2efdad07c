package org.budgetledger.projection.report.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of spanning cells laid out on a rectangle (the HTML table algorithm): the text of each position (blank where
 * a position is covered by a span), which positions hold amounts, and the merged regions.
 */
public record Grid(List<List<String>> text, List<List<Boolean>> amounts, List<Region> merges, int columns) {

    /** A merged region: first row and column, spans. */
    public record Region(int row, int column, int rowSpan, int colSpan) {}

    public Grid {
        text = text.stream().map(List::copyOf).toList();
        amounts = amounts.stream().map(List::copyOf).toList();
        merges = List.copyOf(merges);
    }

    public static Grid of(List<List<Cell>> rows, int columns) {
        int height = rows.size();
        String[][] text = new String[height][columns];
        boolean[][] amount = new boolean[height][columns];
        boolean[][] taken = new boolean[height][columns];
        List<Region> merges = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            int c = 0;
            for (Cell cell : rows.get(r)) {
                while (c < columns && taken[r][c]) {
                    c++;
                }
                if (c + cell.colSpan() > columns || r + cell.rowSpan() > height) {
                    throw new IllegalArgumentException("cell '" + cell.text() + "' overflows the table at row " + r);
                }
                for (int i = r; i < r + cell.rowSpan(); i++) {
                    for (int j = c; j < c + cell.colSpan(); j++) {
                        if (taken[i][j]) {
                            throw new IllegalArgumentException("overlapping cells at row " + i + ", column " + j);
                        }
                        taken[i][j] = true;
                    }
                }
                text[r][c] = cell.text();
                amount[r][c] = cell.amount();
                if (cell.colSpan() > 1 || cell.rowSpan() > 1) {
                    merges.add(new Region(r, c, cell.rowSpan(), cell.colSpan()));
                }
                c += cell.colSpan();
            }
        }
        List<List<String>> texts = new ArrayList<>();
        List<List<Boolean>> amounts = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            List<String> row = new ArrayList<>();
            List<Boolean> flags = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                if (!taken[r][c]) {
                    throw new IllegalArgumentException("row " + r + " leaves column " + c + " empty");
                }
                row.add(text[r][c] == null ? "" : text[r][c]);
                flags.add(amount[r][c]);
            }
            texts.add(row);
            amounts.add(flags);
        }
        return new Grid(texts, amounts, merges, columns);
    }

    public int rows() {
        return text.size();
    }

    public String at(int row, int column) {
        return text.get(row).get(column);
    }
}
