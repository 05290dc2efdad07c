package org.budgetledger.projection.finalaccounts.domain;

import static org.budgetledger.projection.finalaccounts.domain.CellKeys.ACTUAL;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.BUDGET;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.CLOSING_BALANCE;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.EXPENDITURE;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.FISCAL;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.INCOME;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.OPENING_BALANCE;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.PERSONNEL_TOTAL_KEY;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.PROCUREMENT;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.PUBLIC_TOTAL_KEY;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.SUBTOTAL;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T01;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T02;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T03;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T04;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T05;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T06;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T07;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T08;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.T09;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.TOTAL;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.VEHICLES;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.amount;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.functionalClass;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.functionalRows;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.key;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.row;
import static org.budgetledger.projection.finalaccounts.domain.CellKeys.word;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.budgetledger.contract.Activity;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.Procurement;

/**
 * Which cells one recorded posting feeds, with the signed fen it adds (docs/CELLS.md#routing), for
 * the posting's own unit. Every cell is linear in postings: a cell is the sum of the contributions of the postings
 * of its ledger, a REVERSAL contributes the negation of the reversed posting's map, and a department's cell is the
 * sum of its units' cells. Totals, subtotals, parent rows (项 → 款 → 类 → total), grand totals and closing balances
 * are contributions too, so no figure is ever derived from rounded parts. Net-zero entries are left out (an
 * expenditure adds to 本年支出合计 and takes as much from 年末结转和结余, so it leaves 总计 unchanged).
 *
 * <p>{@code ops/operating_costs/amount} is not routed: it depends on the unit's kind (see
 * {@link Figures#withOperatingCosts}).
 *
 * <p>Decisions where the spec leaves a choice (docs/CELLS.md#decisions):
 * <ul>
 *   <li>State-capital keys ({@code 01/income.state_capital}, the 04 {@code state_capital} column and rows, 09) are
 *       emitted whatever the fiscal year; a 2019 template simply does not print them. STATE_CAPITAL is fiscal, so it
 *       also counts in 02 {@code fiscal} and in the 04 {@code total} column and income totals.</li>
 *   <li>{@code 07/actual}: general EXPENDITURE of kind BASIC or PROJECT only (fiscal money has no other kind);
 *       {@code vehicle_purchase} is 31013 only (30913 is not counted).</li>
 *   <li>{@code general/meetings} and {@code general/training}: general EXPENDITURE of every kind.</li>
 *   <li>{@code general/festivals}: EXPENDITURE with {@code activity.kind} FESTIVAL of any fund source
 *       (docs/DOMAIN.md#general-expenditure; the spec's list of cells said general).</li>
 *   <li>{@code procurement/*}: PROCUREMENT postings of any fund source; {@code total} = goods + works + services.</li>
 *   <li>FUND_OFFSET and SURPLUS_DISTRIBUTION feed 01 only (their rows, the grand totals and the closing balance);
 *       they are not 本年收入 / 本年支出, so not 02 or 03. Non-fiscal OPENING_BALANCE feeds 01 only.</li>
 *   <li>Closing balances are routed per functional row (08/09), per fiscal budget type (04) and overall (01);
 *       a row's closing balance may be negative when income and spending use different 项 codes.</li>
 * </ul>
 */
public final class CellRouting {

    private CellRouting() {}

    /** The signed fen each cell receives from {@code posting}, which must not be a REVERSAL. */
    public static Map<String, Long> contributions(Posting posting) {
        if (posting.type() == PostingType.REVERSAL) {
            throw new IllegalArgumentException(
                    "a reversal contributes the negation of the reversed posting: " + posting.postingId());
        }
        Acc c = new Acc(posting.amount().fen());
        switch (posting.type()) {
            case APPROPRIATION -> appropriation(posting, c);
            case INCOME -> income(posting, c);
            case EXPENDITURE -> expenditure(posting, c);
            case OPENING_BALANCE -> openingBalance(posting, c);
            case BUDGET -> budget(posting, c);
            case PROCUREMENT -> procurement(posting.procurement(), c);
            case FUND_OFFSET -> {
                c.add(amount(T01, row(INCOME, "business_fund_offset")), 1);
                c.add(amount(T01, row(INCOME, "grand_total")), 1);
                closing01(c, 1);
            }
            case SURPLUS_DISTRIBUTION -> {
                c.add(amount(T01, row(EXPENDITURE, "surplus_distribution")), 1);
                c.add(amount(T01, row(EXPENDITURE, "grand_total")), 1);
                closing01(c, -1);
            }
            case REVERSAL -> throw new AssertionError();
        }
        return c.result();
    }

    // ---- by posting type ----

    private static void appropriation(Posting p, Acc c) {
        FundSource b = p.fundSource();
        income01(c, word(b));
        closing01(c, 1);
        functional(c, T02, p.functionalCode(), FISCAL, TOTAL);
        income04(c, b);
        closing04(c, b, 1);
        fundTable(b).ifPresent(t -> {
            functional(c, t, p.functionalCode(), INCOME);
            functionalClosing(c, t, p.functionalCode(), 1);
        });
    }

    private static void income(Posting p, Acc c) {
        String s = word(p.fundSource());
        income01(c, s);
        closing01(c, 1);
        functional(c, T02, p.functionalCode(), s, TOTAL);
    }

    private static void openingBalance(Posting p, Acc c) {
        FundSource s = p.fundSource();
        c.add(amount(T01, row(INCOME, OPENING_BALANCE)), 1);
        c.add(amount(T01, row(INCOME, "grand_total")), 1);
        closing01(c, 1);
        if (s.fiscal()) {
            c.add(amount(T04, row(INCOME, OPENING_BALANCE)), 1);
            c.add(amount(T04, row(INCOME, OPENING_BALANCE + "." + word(s))), 1);
            c.add(amount(T04, row(INCOME, "grand_total")), 1);
            closing04(c, s, 1);
        }
        fundTable(s).ifPresent(t -> {
            functional(c, t, p.functionalCode(), OPENING_BALANCE);
            functionalClosing(c, t, p.functionalCode(), 1);
        });
    }

    private static void expenditure(Posting p, Acc c) {
        FundSource s = p.fundSource();
        ExpenditureKind kind = p.expenditureKind();
        String k = word(kind);
        String fn = p.functionalCode();
        String cls = row(EXPENDITURE, functionalClass(fn));

        // 01 (all sources): the 类 row, 本年支出合计, 总计; less 年末结转和结余 (so 总计 nets to zero).
        c.add(amount(T01, cls), 1);
        c.add(amount(T01, row(EXPENDITURE, TOTAL)), 1);
        c.add(amount(T01, row(EXPENDITURE, "grand_total")), 1);
        closing01(c, -1);
        // 03 (all sources) by kind.
        functional(c, T03, fn, k, TOTAL);

        if (s.fiscal()) {
            String b = word(s);
            for (String r : new String[] {cls, row(EXPENDITURE, TOTAL), row(EXPENDITURE, "grand_total")}) {
                c.add(key(T04, r, b), 1);
                c.add(key(T04, r, TOTAL), 1);
            }
            closing04(c, s, -1);
        }
        fundTable(s).ifPresent(t -> {
            functional(c, t, fn, EXPENDITURE, k);
            functionalClosing(c, t, fn, -1);
        });
        if (s == FundSource.GENERAL_BUDGET) {
            generalExpenditure(p, kind, c);
        }
        Activity activity = p.activity();
        if (activity != null && activity.kind() == Activity.Kind.FESTIVAL) {
            c.add(CellKeys.FESTIVALS_KEY, 1);
        }
    }

    private static void generalExpenditure(Posting p, ExpenditureKind kind, Acc c) {
        functional(c, T05, p.functionalCode(), word(kind), SUBTOTAL);
        String ec = p.economicCode();
        if (ec == null) {
            return;
        }
        if (kind == ExpenditureKind.BASIC) {
            for (String r : CellKeys.economicRows(ec)) {
                c.add(amount(T06, r), 1);
            }
            c.add(CellKeys.isPersonnel(ec) ? PERSONNEL_TOTAL_KEY : PUBLIC_TOTAL_KEY, 1);
        }
        if (kind == ExpenditureKind.BASIC || kind == ExpenditureKind.PROJECT) {
            sangong(c, ACTUAL, ec, 1);
        }
        if (ec.equals(CellKeys.MEETINGS_CODE)) {
            c.add(CellKeys.MEETINGS_KEY, 1);
        } else if (ec.equals(CellKeys.TRAINING_CODE)) {
            c.add(CellKeys.TRAINING_KEY, 1);
        }
    }

    private static void budget(Posting p, Acc c) {
        if (p.fundSource() == FundSource.GENERAL_BUDGET && p.economicCode() != null) {
            sangong(c, BUDGET, p.economicCode(), p.stage() == BudgetStage.DECREASE ? -1 : 1);
        }
    }

    private static void procurement(Procurement procurement, Acc c) {
        c.add(CellKeys.PROCUREMENT_TOTAL_KEY, 1);
        c.add(amount(PROCUREMENT, word(procurement.category())), 1);
        if (procurement.smeAwarded()) {
            c.add(CellKeys.PROCUREMENT_SME_KEY, 1);
        }
        if (procurement.smallMicroAwarded()) {
            c.add(CellKeys.PROCUREMENT_SMALL_MICRO_KEY, 1);
        }
    }

    // ---- shared pieces ----

    /** 01 income source row, 本年收入合计, 总计. */
    private static void income01(Acc c, String source) {
        c.add(amount(T01, row(INCOME, source)), 1);
        c.add(amount(T01, row(INCOME, TOTAL)), 1);
        c.add(amount(T01, row(INCOME, "grand_total")), 1);
    }

    /** 01 年末结转和结余 (= O + A + I + F − E − D) and with it the expense-side 总计. */
    private static void closing01(Acc c, int sign) {
        c.add(amount(T01, row(EXPENDITURE, CLOSING_BALANCE)), sign);
        c.add(amount(T01, row(EXPENDITURE, "grand_total")), sign);
    }

    /** 04 本年财政拨款收入 of budget type b, 本年收入合计, 总计. */
    private static void income04(Acc c, FundSource b) {
        c.add(amount(T04, row(INCOME, word(b))), 1);
        c.add(amount(T04, row(INCOME, TOTAL)), 1);
        c.add(amount(T04, row(INCOME, "grand_total")), 1);
    }

    /** 04 年末财政拨款结转和结余 of budget type b and in total, and with it the expense-side 总计. */
    private static void closing04(Acc c, FundSource b, int sign) {
        for (String r : new String[] {row(EXPENDITURE, CLOSING_BALANCE), row(EXPENDITURE, "grand_total")}) {
            c.add(key(T04, r, word(b)), sign);
            c.add(key(T04, r, TOTAL), sign);
        }
    }

    /** 08 for GOVERNMENT_FUND, 09 for STATE_CAPITAL. */
    private static Optional<String> fundTable(FundSource s) {
        return switch (s) {
            case GOVERNMENT_FUND -> Optional.of(T08);
            case STATE_CAPITAL -> Optional.of(T09);
            default -> Optional.empty();
        };
    }

    private static void functionalClosing(Acc c, String table, String fn, int sign) {
        for (String r : functionalRows(fn)) {
            c.add(key(table, r, CLOSING_BALANCE), sign);
        }
    }

    /** The posting's functional rows (类, 款, 项, total) in each of the given columns. */
    private static void functional(Acc c, String table, String fn, String... columns) {
        for (String r : functionalRows(fn)) {
            for (String column : columns) {
                c.add(key(table, r, column), 1);
            }
        }
    }

    /** 07 row {@code actual} or {@code budget}: the item, 公务用车 小计 for vehicle items, total. */
    private static void sangong(Acc c, String row, String ec, int sign) {
        CellKeys.sangongItem(ec).ifPresent(item -> {
            c.add(key(T07, row, item), sign);
            if (CellKeys.isVehicleItem(item)) {
                c.add(key(T07, row, VEHICLES), sign);
            }
            c.add(key(T07, row, TOTAL), sign);
        });
    }

    /** Adds ±amount per key; drops the keys that net to zero. */
    private static final class Acc {
        private final long amount;
        private final Map<String, Long> fen = new TreeMap<>();

        Acc(long amount) {
            this.amount = amount;
        }

        void add(String key, int sign) {
            fen.merge(key, sign * amount, Math::addExact);
        }

        Map<String, Long> result() {
            fen.values().removeIf(v -> v == 0L);
            return Collections.unmodifiableMap(fen);
        }
    }
}
