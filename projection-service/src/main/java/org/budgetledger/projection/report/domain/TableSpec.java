package org.budgetledger.projection.report.domain;

import java.util.List;
import java.util.Optional;

/**
 * How a template prints one table. The four layouts of the disclosure are code; everything they print (表号, title,
 * headers with 栏次, rows, 行次, labels, note, zero styles, empty-table statement) is data.
 */
public sealed interface TableSpec {

    /** Table id as in cell keys ("01" … "09"). */
    String id();

    /** 表号 as printed ("公开01表"). */
    String number();

    String title();

    String note();

    int columns();

    List<List<Cell>> header();

    /**
     * 01 / 04: income and expense side by side; each side is label | 行次 | amounts. Rows come in blocks; a block is
     * padded with blank lines to the longer of its sides and to {@code minRows}; 行次 run over the income side, then
     * the expense side, when {@code lineNumbers}.
     */
    record Summary(
            String id,
            String number,
            String title,
            String note,
            int columns,
            List<List<Cell>> header,
            int leftAmounts,
            int rightAmounts,
            boolean lineNumbers,
            List<Block> blocks)
            implements TableSpec {
        public Summary {
            header = header.stream().map(List::copyOf).toList();
            blocks = List.copyOf(blocks);
        }
    }

    /** Rows of a summary table paired side by side. */
    record Block(List<Line> left, List<Line> right, int minRows) {
        public Block {
            left = List.copyOf(left);
            right = List.copyOf(right);
        }
    }

    /** A line of one side of a summary table. */
    sealed interface Line {}

    /** A fixed line: label and the cell keys of its amounts (none: a blank line that still takes a 行次). */
    record Fixed(String label, List<String> keys) implements Line {
        public Fixed {
            keys = List.copyOf(keys);
        }

        public static Fixed blank() {
            return new Fixed("", List.of());
        }
    }

    /**
     * The functional 类 lines: the template's fixed 类 (always printed), then every other 类 with a figure in code
     * order, numbered 一、二、… with the catalogue's names, then "{next numeral}、{ellipsis}" for the 类 left out.
     * {@code keyPatterns} give the amount keys with {@code {code}} for the 类 code.
     */
    record Classes(List<Coded> fixed, String ellipsis, List<String> keyPatterns) implements Line {
        public Classes {
            fixed = List.copyOf(fixed);
            keyPatterns = List.copyOf(keyPatterns);
        }
    }

    /** A classification code with the name the template prints when the catalogue has none. */
    record Coded(String code, String name) {}

    /**
     * 02 / 03 / 05 / 08 / 09: 科目编码 | 科目名称 | amounts; the 合计 row first, then every functional code (类, 款, 项
     * nested) with a non-zero printed figure. {@code totalZero} is how a zero prints in the 合计 row (blank or "0");
     * {@code emptyStatement} ({单位} placeholder) is printed under the table when all its figures are zero.
     */
    record Functional(
            String id,
            String number,
            String title,
            String note,
            int columns,
            List<List<Cell>> header,
            List<String> amountColumns,
            String totalLabel,
            String totalZero,
            Optional<String> emptyStatement)
            implements TableSpec {
        public Functional {
            header = header.stream().map(List::copyOf).toList();
            amountColumns = List.copyOf(amountColumns);
        }
    }

    /**
     * 06: column groups of 经济分类 (编码 | 名称 | 决算数); every listed 类 and 款 is printed (blank when zero); any other
     * 款 with a figure joins its 类, any other 类 with a figure joins {@code otherGroup}; the last line holds
     * 人员经费合计 (under the first group) and 公用经费合计 (spanning the rest).
     */
    record Economic(
            String id,
            String number,
            String title,
            String note,
            int columns,
            List<List<Cell>> header,
            List<List<Coded>> groups,
            int otherGroup,
            List<String> personnelClasses,
            String personnelLabel,
            String publicLabel)
            implements TableSpec {
        public Economic {
            header = header.stream().map(List::copyOf).toList();
            groups = groups.stream().map(List::copyOf).toList();
            personnelClasses = List.copyOf(personnelClasses);
        }
    }

    /**
     * 07: one line, 预算数 then 决算数, each over {@code items}; {@code noBudget} spans the 预算数 columns when no 三公
     * BUDGET exists; zeros print as {@code zero}.
     */
    record Sangong(
            String id,
            String number,
            String title,
            String note,
            int columns,
            List<List<Cell>> header,
            List<String> items,
            String noBudget,
            String zero)
            implements TableSpec {
        public Sangong {
            header = header.stream().map(List::copyOf).toList();
            items = List.copyOf(items);
        }
    }
}
