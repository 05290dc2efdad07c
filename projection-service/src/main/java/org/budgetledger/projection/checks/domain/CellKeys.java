package org.budgetledger.projection.checks.domain;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The grammar of cell keys (CELLS.md, with the 2020+ state-capital keys): which rows and columns a table has. */
final class CellKeys {

    private static final Pattern CODE = Pattern.compile("\\d+");
    private static final Set<String> SOURCES = Set.of("general_budget", "government_fund", "state_capital",
            "superior_subsidy", "operating", "business", "affiliate_remittance", "other");
    private static final Set<String> ROWS_01 = Set.of("income.total", "income.business_fund_offset",
            "income.opening_balance", "income.grand_total", "expenditure.total", "expenditure.surplus_distribution",
            "expenditure.closing_balance", "expenditure.grand_total");
    private static final Set<String> INCOME_04 = Set.of("income.general_budget", "income.government_fund",
            "income.state_capital", "income.total", "income.opening_balance", "income.opening_balance.general_budget",
            "income.opening_balance.government_fund", "income.opening_balance.state_capital", "income.grand_total");
    private static final Set<String> EXPENSE_04 =
            Set.of("expenditure.total", "expenditure.closing_balance", "expenditure.grand_total");
    private static final Set<String> COLUMNS_04 = Set.of("total", "general_budget", "government_fund",
            "state_capital");

    private CellKeys() {
    }

    /** What is wrong with a key, or null when it is a key of CELLS.md. */
    static String problem(String key) {
        String[] p = key.split("/", -1);
        if (p.length != 3) {
            return "not TABLE/ROW/COLUMN";
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
                    String c = code(row.substring(12), List.of(3));
                    yield c != null ? "functional 类: " + c : amount(col);
                }
                yield "unknown row";
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
                    String c = code(row.substring(12), List.of(3));
                    if (c != null) {
                        yield "functional 类: " + c;
                    }
                    expense = true;
                }
                if (!expense) {
                    yield "unknown row";
                }
                yield COLUMNS_04.contains(col) ? null : "unknown column";
            }
            case "06" -> {
                if (!row.equals("personnel_total") && !row.equals("public_total")) {
                    String c = code(row, List.of(3, 5));
                    if (c != null) {
                        yield "economic code: " + c;
                    }
                }
                yield amount(col);
            }
            case "07" -> !row.equals("budget") && !row.equals("actual") ? "unknown row"
                    : TableRules.COLUMNS_07.contains(col) ? null : "unknown column";
            case "ops" -> row.equals("operating_costs") ? amount(col) : "unknown row";
            case "general" -> Set.of("meetings", "training", "festivals").contains(row) ? amount(col)
                    : "unknown row";
            case "procurement" -> Set.of("total", "goods", "works", "services", "sme", "small_micro").contains(row)
                    ? amount(col) : "unknown row";
            default -> "unknown table";
        };
    }

    private static String byFunction(String row, String col, List<String> columns) {
        if (!row.equals("total")) {
            String c = code(row, List.of(3, 5, 7));
            if (c != null) {
                return "functional code: " + c;
            }
        }
        return columns.contains(col) ? null : "unknown column";
    }

    private static String amount(String col) {
        return col.equals("amount") ? null : "unknown column";
    }

    /** Null when {@code code} is digits of one of the lengths, else what is wrong. */
    private static String code(String code, List<Integer> lengths) {
        if (!CODE.matcher(code).matches()) {
            return "not a code";
        }
        return lengths.contains(code.length()) ? null
                : code.length() + " digits, expected " + lengths.stream().map(String::valueOf)
                .reduce((a, b) -> a + "/" + b).orElse("");
    }
}
