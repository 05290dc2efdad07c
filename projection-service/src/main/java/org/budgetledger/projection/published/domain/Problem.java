package org.budgetledger.projection.published.domain;

/**
 * Something a published document does not say as the official layout does, so that its figures cannot be read:
 * the table (表号 and title), the row (its code or label; null for the whole table) and the column (its heading
 * path; null for the whole row), and what is wrong.
 */
public record Problem(String table, String row, String column, String message) {

    /** One line for a person: "公开05表 一般公共预算财政拨款支出决算表, row 2013701, column 本年支出/基本支出: …". */
    public String text() {
        return table + (row == null ? "" : ", row " + row) + (column == null ? "" : ", column " + column) + ": "
                + message;
    }
}
