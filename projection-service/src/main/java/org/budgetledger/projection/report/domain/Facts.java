package org.budgetledger.projection.report.domain;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.budgetledger.contract.Activity;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;

/**
 * The figures the 情况说明 needs that are not cells (docs/CELLS.md#facts), linear in postings like the
 * cells: they travel with the cells in the same exact map, are summed over a department's units and never published.
 * Every key starts with {@code facts/} and has the cell-key shape {@code facts/ROW/COLUMN}. Amount facts are fen;
 * count facts ({@code groups}, {@code persons}, {@code postings}) are plain numbers.
 *
 * <ul>
 *   <li>{@code facts/budget.{项}/initial}, {@code facts/budget.{项}/full}, {@code facts/budget.total/initial},
 *       {@code facts/budget.total/full}: 年初预算 (Σ INITIAL) and 全年预算 (INITIAL + INCREASE − DECREASE) of
 *       GENERAL_BUDGET money per functional 项 and in total. <b>Every</b> general-budget BUDGET posting counts, with or
 *       without an economic code: a BUDGET posting records a budgeted amount for a function (docs/POSTINGS.md), the
 *       economic code being an optional detail, so the 三公 budgets (which also feed {@code 07/budget}) are part of
 *       their 项's budget.</li>
 *   <li>{@code facts/budget.total/postings}: the number of those BUDGET postings (whether budgets exist at all).</li>
 *   <li>{@code facts/sangong_budget.{item}/initial} for {@code overseas_travel}, {@code vehicle_purchase},
 *       {@code vehicle_operation}, {@code vehicles}, {@code reception}, {@code total}: 年初预算 of the 三公 items
 *       (07's {@code budget} row is the 全年预算); {@code facts/sangong_budget.total/postings}: the number of 三公 BUDGET
 *       postings (07 prints 无 when there is none).</li>
 *   <li>{@code facts/activity.{kind}/groups}, {@code /persons}, {@code /postings} for kind {@code meeting},
 *       {@code training}, {@code festival}, {@code reception}, {@code overseas_trip}, {@code vehicle}: Σ
 *       {@code activity.groups}, Σ {@code activity.persons} and the number of EXPENDITURE postings with that activity
 *       kind, of every fund source and expenditure kind (counts add up across postings, docs/POSTINGS.md). 出国团组/人次 =
 *       overseas_trip groups/persons, 接待批次/人次 = reception groups/persons, vehicles bought = vehicle groups,
 *       会议/培训人数 = meeting/training persons.</li>
 * </ul>
 */
public final class Facts {

    public static final String PREFIX = "facts/";
    public static final String INITIAL = "initial";
    public static final String FULL = "full";
    public static final String POSTINGS = "postings";
    public static final String GROUPS = "groups";
    public static final String PERSONS = "persons";

    private Facts() {}

    /** The signed contributions of one posting, which must not be a REVERSAL (apply the reversed one with −1). */
    public static Map<String, Long> contributions(Posting posting) {
        if (posting.type() == PostingType.REVERSAL) {
            throw new IllegalArgumentException(
                    "a reversal contributes the negation of the reversed posting: " + posting.postingId());
        }
        Map<String, Long> out = new TreeMap<>();
        long amount = posting.amount() == null ? 0 : posting.amount().fen();
        if (posting.type() == PostingType.BUDGET && posting.fundSource() == FundSource.GENERAL_BUDGET) {
            budget(posting, amount, out);
        }
        if (posting.type() == PostingType.EXPENDITURE
                && posting.activity() != null
                && posting.activity().kind() != null) {
            Activity a = posting.activity();
            String row = activityRow(a.kind());
            add(out, key(row, GROUPS), a.groups() == null ? 0 : a.groups());
            add(out, key(row, PERSONS), a.persons() == null ? 0 : a.persons());
            add(out, key(row, POSTINGS), 1);
        }
        out.values().removeIf(v -> v == 0L);
        return Collections.unmodifiableMap(out);
    }

    private static void budget(Posting p, long amount, Map<String, Long> out) {
        BudgetStage stage = p.stage() == null ? BudgetStage.INITIAL : p.stage();
        long full = stage == BudgetStage.DECREASE ? -amount : amount;
        long initial = stage == BudgetStage.INITIAL ? amount : 0;
        String fn = p.functionalCode();
        if (fn != null) {
            add(out, budgetKey(fn, INITIAL), initial);
            add(out, budgetKey(fn, FULL), full);
        }
        add(out, budgetKey("total", INITIAL), initial);
        add(out, budgetKey("total", FULL), full);
        add(out, budgetKey("total", POSTINGS), 1);
        Optional<String> item = sangongItem(p.economicCode());
        if (item.isPresent()) {
            add(out, sangongBudgetKey(item.get(), INITIAL), initial);
            if (item.get().startsWith("vehicle_")) {
                add(out, sangongBudgetKey("vehicles", INITIAL), initial);
            }
            add(out, sangongBudgetKey("total", INITIAL), initial);
            add(out, sangongBudgetKey("total", POSTINGS), 1);
        }
    }

    private static Optional<String> sangongItem(String economicCode) {
        if (economicCode == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(CellKeys.SANGONG_ITEMS.get(economicCode));
    }

    /** Whether a key of the figures map is a fact (never published). */
    public static boolean isFact(String key) {
        return key.startsWith(PREFIX);
    }

    /** {@code facts/budget.{row}/{column}}: row a functional 项 or {@code total}; column initial, full, postings. */
    public static String budgetKey(String row, String column) {
        return key("budget." + row, column);
    }

    /** {@code facts/sangong_budget.{item}/{column}}. */
    public static String sangongBudgetKey(String item, String column) {
        return key("sangong_budget." + item, column);
    }

    /** {@code facts/activity.{kind}/{measure}}: measure groups, persons or postings. */
    public static String activityKey(Activity.Kind kind, String measure) {
        return key(activityRow(kind), measure);
    }

    private static String activityRow(Activity.Kind kind) {
        return "activity." + kind.name().toLowerCase(Locale.ROOT);
    }

    private static String key(String row, String column) {
        return PREFIX + row + "/" + column;
    }

    private static void add(Map<String, Long> out, String key, long value) {
        out.merge(key, value, Math::addExact);
    }
}
