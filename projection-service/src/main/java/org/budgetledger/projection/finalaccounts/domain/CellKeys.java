package org.budgetledger.projection.finalaccounts.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cell-key grammar of docs/CELLS.md#key-grammar: {@code TABLE/ROW/COLUMN}. Enum values appear in keys in lower case
 * ({@code FundSource.GENERAL_BUDGET} → {@code general_budget}); functional rows are 类/款/项 codes (3/5/7 digits) and
 * {@code total}; economic rows are 类/款 codes (3/5 digits).
 */
public final class CellKeys {

    public static final String T01 = "01";
    public static final String T02 = "02";
    public static final String T03 = "03";
    public static final String T04 = "04";
    public static final String T05 = "05";
    public static final String T06 = "06";
    public static final String T07 = "07";
    public static final String T08 = "08";
    public static final String T09 = "09";
    public static final String GENERAL = "general";
    public static final String PROCUREMENT = "procurement";
    public static final String OPS = "ops";

    /** Row and column words. */
    public static final String TOTAL = "total";

    public static final String AMOUNT = "amount";
    public static final String FISCAL = "fiscal";
    public static final String SUBTOTAL = "subtotal";
    public static final String OPENING_BALANCE = "opening_balance";
    public static final String INCOME = "income";
    public static final String EXPENDITURE = "expenditure";
    public static final String CLOSING_BALANCE = "closing_balance";
    public static final String PERSONNEL_TOTAL = "personnel_total";
    public static final String PUBLIC_TOTAL = "public_total";
    public static final String BUDGET = "budget";
    public static final String ACTUAL = "actual";
    public static final String VEHICLES = "vehicles";

    /** The columns of the tables by function, in their printed order (08's serve 09 too), and 07's items. */
    public static final List<String> COLUMNS_02 =
            List.of(TOTAL, FISCAL, "superior_subsidy", "operating", "business", "affiliate_remittance", "other");

    public static final List<String> COLUMNS_03 =
            List.of(TOTAL, "basic", "project", "remit_to_superior", "business", "subsidy_to_affiliates");
    public static final List<String> COLUMNS_05 = List.of(SUBTOTAL, "basic", "project");
    public static final List<String> COLUMNS_08 =
            List.of(OPENING_BALANCE, INCOME, EXPENDITURE, "basic", "project", CLOSING_BALANCE);
    public static final List<String> ITEMS_07 =
            List.of(TOTAL, "overseas_travel", VEHICLES, "vehicle_purchase", "vehicle_operation", "reception");

    /** 三公 items of table 07 by economic code (款), in the order of the codes. */
    public static final SortedMap<String, String> SANGONG_ITEMS =
            Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
                    "30212", "overseas_travel",
                    "31013", "vehicle_purchase",
                    "30231", "vehicle_operation",
                    "30217", "reception")));

    public static final String MEETINGS_CODE = "30215";
    public static final String TRAINING_CODE = "30216";

    /** 人员经费 economic 类: 工资福利支出, 对个人和家庭的补助; every other 类 is 公用经费. */
    public static final List<String> PERSONNEL_CLASSES = List.of("301", "303");

    public static final String PERSONNEL_TOTAL_KEY = key(T06, PERSONNEL_TOTAL, AMOUNT);
    public static final String PUBLIC_TOTAL_KEY = key(T06, PUBLIC_TOTAL, AMOUNT);
    public static final String OPERATING_COSTS = "operating_costs";
    public static final String OPERATING_COSTS_KEY = key(OPS, OPERATING_COSTS, AMOUNT);

    /** The 会议费, 培训费 and 节庆活动 the 情况说明 prints ({@code general/…/amount}). */
    public static final String MEETINGS = "meetings";

    public static final String TRAINING = "training";
    public static final String FESTIVALS = "festivals";
    public static final List<String> GENERAL_ROWS = List.of(MEETINGS, TRAINING, FESTIVALS);
    public static final String MEETINGS_KEY = amount(GENERAL, MEETINGS);
    public static final String TRAINING_KEY = amount(GENERAL, TRAINING);
    public static final String FESTIVALS_KEY = amount(GENERAL, FESTIVALS);

    /** 政府采购: the total, each category ({@code word(Procurement.Category)}), and what SMEs and small firms won. */
    public static final String SME = "sme";

    public static final String SMALL_MICRO = "small_micro";
    public static final List<String> PROCUREMENT_ROWS = List.of(TOTAL, "goods", "works", "services", SME, SMALL_MICRO);
    public static final String PROCUREMENT_TOTAL_KEY = amount(PROCUREMENT, TOTAL);
    public static final String PROCUREMENT_SME_KEY = amount(PROCUREMENT, SME);
    public static final String PROCUREMENT_SMALL_MICRO_KEY = amount(PROCUREMENT, SMALL_MICRO);

    /** The month facts kept for dashboards: {@code facts/month/{MM}/{figure}}, a figure of {@link #MONTH_FIGURES}. */
    public static final List<String> MONTH_FIGURES =
            List.of(EXPENDITURE, EXPENDITURE + ".basic", EXPENDITURE + ".project", INCOME);

    public static String monthFact(int month, String figure) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month must be 1..12: " + month);
        }
        return String.format("facts/month/%02d/%s", month, figure);
    }

    /** The totals the text and the dashboards quote. */
    public static final String INCOME_TOTAL_01 = amount(T01, "income.total");

    public static final String INCOME_GRAND_TOTAL_01 = amount(T01, "income.grand_total");
    public static final String EXPENDITURE_TOTAL_01 = amount(T01, "expenditure.total");
    public static final String EXPENDITURE_GRAND_TOTAL_01 = amount(T01, "expenditure.grand_total");
    public static final String CLOSING_BALANCE_01 = amount(T01, "expenditure.closing_balance");
    public static final String INCOME_GRAND_TOTAL_04 = amount(T04, "income.grand_total");
    public static final String EXPENDITURE_GRAND_TOTAL_04 = key(T04, "expenditure.grand_total", TOTAL);
    public static final String GENERAL_BUDGET_TOTAL_05 = key(T05, TOTAL, SUBTOTAL);
    public static final String OPENING_BALANCE_01 = amount(T01, "income.opening_balance");
    public static final String BUSINESS_FUND_OFFSET_01 = amount(T01, "income.business_fund_offset");
    public static final String SURPLUS_DISTRIBUTION_01 = amount(T01, "expenditure.surplus_distribution");
    public static final String INCOME_TOTAL_04 = amount(T04, "income.total");
    public static final String OPENING_BALANCE_04 = amount(T04, "income.opening_balance");
    public static final String EXPENDITURE_TOTAL_04 = key(T04, "expenditure.total", TOTAL);
    public static final String CLOSING_BALANCE_04 = key(T04, "expenditure.closing_balance", TOTAL);

    private CellKeys() {}

    /** The total row of a table by function, in one of its columns: {@code 03/total/basic}. */
    public static String total(String table, String column) {
        return key(table, TOTAL, column);
    }

    /** Income of a source on 01 or 04: {@code 04/income.general_budget/amount}. */
    public static String income(String table, String source) {
        return amount(table, row(INCOME, source));
    }

    /** 04's opening balance of a source: {@code 04/income.opening_balance.general_budget/amount}. */
    public static String openingBalance04(String source) {
        return amount(T04, row(INCOME, OPENING_BALANCE) + "." + source);
    }

    /** An expenditure row of 04 in a column: {@code 04/expenditure.total/general_budget}, {@code 04/expenditure.201/total}. */
    public static String expenditure04(String row, String column) {
        return key(T04, row(EXPENDITURE, row), column);
    }

    /** An expenditure row of 01: {@code 01/expenditure.201/amount}. */
    public static String expenditure01(String row) {
        return amount(T01, row(EXPENDITURE, row));
    }

    /** A 三公 item as spent: {@code 07/actual/reception}. */
    public static String sangongActual(String item) {
        return key(T07, ACTUAL, item);
    }

    /** A 三公 item as budgeted: {@code 07/budget/reception}. */
    public static String sangongBudget(String item) {
        return key(T07, BUDGET, item);
    }

    public static String key(String table, String row, String column) {
        return table + "/" + row + "/" + column;
    }

    /** An enum value as keys spell it: {@code REMIT_TO_SUPERIOR} → {@code remit_to_superior}. */
    public static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** 01 row {@code income.general_budget}, {@code expenditure.201}, …: section + "." + item. */
    public static String row(String section, String item) {
        return section + "." + item;
    }

    /** 01 / 04 / 06 / ops / general / procurement keys with column {@code amount}. */
    public static String amount(String table, String row) {
        return key(table, row, AMOUNT);
    }

    /** The functional 类 (3 digits) of a code at any level. */
    public static String functionalClass(String functionalCode) {
        return functionalCode.substring(0, 3);
    }

    /**
     * The functional rows a code feeds: its 类, 款 and 项 (as far as the code goes) and {@code total}.
     * {@code 2013701} → [201, 20137, 2013701, total].
     */
    public static List<String> functionalRows(String functionalCode) {
        List<String> rows = new ArrayList<>(4);
        for (int length : new int[] {3, 5, 7}) {
            if (functionalCode.length() >= length) {
                rows.add(functionalCode.substring(0, length));
            }
        }
        rows.add(TOTAL);
        return rows;
    }

    /** The economic rows a code feeds: its 类 and 款. {@code 30101} → [301, 30101]. */
    public static List<String> economicRows(String economicCode) {
        List<String> rows = new ArrayList<>(2);
        for (int length : new int[] {3, 5}) {
            if (economicCode.length() >= length) {
                rows.add(economicCode.substring(0, length));
            }
        }
        return rows;
    }

    public static boolean isPersonnel(String economicCode) {
        return economicCode.length() >= 3 && PERSONNEL_CLASSES.contains(economicCode.substring(0, 3));
    }

    /** The 07 item (column) of a 三公 economic code, if it is one. */
    public static Optional<String> sangongItem(String economicCode) {
        return Optional.ofNullable(economicCode == null ? null : SANGONG_ITEMS.get(economicCode));
    }

    public static boolean isVehicleItem(String item) {
        return item.startsWith("vehicle_");
    }
}
