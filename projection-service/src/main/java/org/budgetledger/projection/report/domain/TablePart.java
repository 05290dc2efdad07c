package org.budgetledger.projection.report.domain;

import java.util.List;

/** 第二部分: the tables in template order. */
public record TablePart(String number, String title, List<ReportTable> tables) {

    public TablePart {
        tables = List.copyOf(tables);
    }
}
