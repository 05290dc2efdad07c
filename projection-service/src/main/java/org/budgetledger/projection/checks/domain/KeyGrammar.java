package org.budgetledger.projection.checks.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.budgetledger.contract.FundSource;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;

/**
 * The grammar of cell keys (docs/CELLS.md#key-grammar, with the 2020+ state-capital keys): which rows and columns a table has. W19's
 * second opinion on every key the figures hold; the words (fund sources) come from {@link CellKeys}.
 */
final class KeyGrammar {

    private static final Pattern CODE = Pattern.compile("\\d+");
    private static final Set<String> SOURCES =
            Arrays.stream(FundSource.values()).map(CellKeys::word).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> ROWS_01 = Set.of(
            "income.total",
            "income.business_fund_offset",
            "income.opening_balance",
            "income.grand_total",
            "expenditure.total",
            "expenditure.surplus_distribution",
            "expenditure.closing_balance",
            "expenditure.grand_total");
    private static final Set<String> INCOME_04 = Set.of(
            "income.general_budget",
            "income.government_fund",
            "income.state_capital",
            "income.total",
            "income.opening_balance",
            "income.opening_balance.general_budget",
            "income.opening_balance.government_fund",
            "income.opening_balance.state_capital",
            "income.grand_total");
    private static final Set<String> EXPENSE_04 =
            Set.of("expenditure.total", "expenditure.closing_balance", "expenditure.grand_total");
    private static final Set<String> COLUMNS_04 = Set.of("total", "general_budget", "government_fund", "state_capital");

    private static final Text UNKNOWN_TABLE = Text.of("unknown table", "未知的表");
    private static final Text UNKNOWN_ROW = Text.of("unknown row", "未知的行");
    private static final Text UNKNOWN_COLUMN = Text.of("unknown column", "未知的列");

    private KeyGrammar() {}

    /** What is wrong with a key, in both languages (W19 reports it), or null when it is a key of docs/CELLS.md. */
    static Text problem(String key) {
        String[] p = key.split("/", -1);
        if (p.length != 3) {
            return Text.of("not TABLE/ROW/COLUMN", "不是“表/行/列”格式");
        }
        String table = p[0];
        String row = p[1];
        String col = p[2];
        return switch (table) {
            case "01" -> {
                if (ROWS_01.contains(row) || row.startsWith("income.") && SOURCES.contains(row.substring(7))) {
                    yield amount(col);
                }
                if (row.startsWith("expenditure.")) {
                    Text c = code(row.substring(12), List.of(3));
                    yield c != null ? functionalClass(c) : amount(col);
                }
                yield UNKNOWN_ROW;
            }
            case "02" -> byFunction(row, col, TableRules.COLUMNS_02);
            case "03" -> byFunction(row, col, TableRules.COLUMNS_03);
            case "05" -> byFunction(row, col, TableRules.COLUMNS_05);
            case "08", "09" -> byFunction(row, col, TableRules.COLUMNS_08);
            case "04" -> {
                if (INCOME_04.contains(row)) {
                    yield amount(col);
                }
                boolean expense = EXPENSE_04.contains(row);
                if (!expense && row.startsWith("expenditure.")) {
                    Text c = code(row.substring(12), List.of(3));
                    if (c != null) {
                        yield functionalClass(c);
                    }
                    expense = true;
                }
                if (!expense) {
                    yield UNKNOWN_ROW;
                }
                yield COLUMNS_04.contains(col) ? null : UNKNOWN_COLUMN;
            }
            case "06" -> {
                if (!row.equals("personnel_total") && !row.equals("public_total")) {
                    Text c = code(row, List.of(3, 5));
                    if (c != null) {
                        yield Text.of("economic code: " + c.en(), "经济分类科目：" + c.zh());
                    }
                }
                yield amount(col);
            }
            case "07" ->
                !row.equals("budget") && !row.equals("actual")
                        ? UNKNOWN_ROW
                        : TableRules.COLUMNS_07.contains(col) ? null : UNKNOWN_COLUMN;
            case "ops" -> row.equals(CellKeys.OPERATING_COSTS) ? amount(col) : UNKNOWN_ROW;
            case "general" -> CellKeys.GENERAL_ROWS.contains(row) ? amount(col) : UNKNOWN_ROW;
            case "procurement" -> CellKeys.PROCUREMENT_ROWS.contains(row) ? amount(col) : UNKNOWN_ROW;
            default -> UNKNOWN_TABLE;
        };
    }

    private static Text functionalClass(Text problem) {
        return Text.of("functional 类: " + problem.en(), "功能分类类级：" + problem.zh());
    }

    private static Text byFunction(String row, String col, List<String> columns) {
        if (!row.equals("total")) {
            Text c = code(row, List.of(3, 5, 7));
            if (c != null) {
                return Text.of("functional code: " + c.en(), "功能分类科目：" + c.zh());
            }
        }
        return columns.contains(col) ? null : UNKNOWN_COLUMN;
    }

    private static Text amount(String col) {
        return col.equals("amount") ? null : UNKNOWN_COLUMN;
    }

    /** Null when {@code code} is digits of one of the lengths, else what is wrong. */
    private static Text code(String code, List<Integer> lengths) {
        if (!CODE.matcher(code).matches()) {
            return Text.of("not a code", "不是科目编码");
        }
        if (lengths.contains(code.length())) {
            return null;
        }
        String expected = lengths.stream()
                .map(String::valueOf)
                .reduce((a, b) -> a + "/" + b)
                .orElse("");
        return Text.of(code.length() + " digits, expected " + expected, code.length() + "位，应为" + expected + "位");
    }
}
