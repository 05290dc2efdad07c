package org.budgetledger.projection.report.domain;

import java.util.List;
import java.util.Optional;

/**
 * One table of 第二部分 as printed: 表号 ("公开01表"), title, the 部门 line, the unit ("单位：万元"), header rows (with the
 * 栏次 row where the template prints one), body rows in the official order, the note (注) and, when the table has no
 * data and the template says so, the statement printed under it. Cells are printed strings; spans as in the seed.
 */
public record ReportTable(
        String id,
        String number,
        String title,
        String department,
        String unit,
        int columns,
        List<List<Cell>> header,
        List<List<Cell>> body,
        String note,
        Optional<String> emptyStatement) {

    public ReportTable {
        header = header.stream().map(List::copyOf).toList();
        body = body.stream().map(List::copyOf).toList();
        Grid.of(header, columns);
        Grid.of(body, columns);
    }

    public Grid headerGrid() {
        return Grid.of(header, columns);
    }

    public Grid bodyGrid() {
        return Grid.of(body, columns);
    }

    /** The body row whose first position prints {@code first} (a code, "合计", …), expanded to every column. */
    public Optional<List<String>> row(String first) {
        return bodyGrid().text().stream().filter(r -> r.get(0).equals(first)).findFirst();
    }
}
