package org.budgetledger.projection.finalaccounts.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.budgetledger.contract.Activity;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.Procurement;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.projection.checks.domain.BalanceKey;
import org.budgetledger.projection.checks.domain.PostingCounts;

/**
 * An independent, deliberately naive recomputation of the disclosure's cells straight from the postings, written
 * from docs/DOMAIN.md#definitions and docs/CELLS.md without {@link CellRouting} or {@link CellKeys}: every cell is a filtered
 * sum over the audit lines of the scope (a posting +amount, a reversal −amount of the posting it reverses).
 *
 * <p>Readings of the spec settled here (the domain and the cell list leave a choice or disagree; docs/CELLS.md#decisions):
 * <ul>
 *   <li>{@code general/festivals}: EXPENDITURE with {@code activity.kind} FESTIVAL of <em>any</em> fund source
 *       (docs/DOMAIN.md#general-expenditure: any source; the cell list's wording said general EXPENDITURE postings).</li>
 *   <li>{@code general/meetings}, {@code general/training}: general EXPENDITURE of every kind (docs/DOMAIN.md#general-expenditure).</li>
 *   <li>{@code 07/actual/vehicle_purchase} = 31013 only (30913 not counted, docs/CELLS.md#table-07).</li>
 *   <li>STATE_CAPITAL is fiscal in every year: it counts in 02 {@code fiscal}, 04 totals and the 04 and 09
 *       state-capital keys even in 2019 (docs/CELLS.md#scopes; the 2019 template just does not print them).</li>
 *   <li>FUND_OFFSET / SURPLUS_DISTRIBUTION feed 01 only (not 本年收入/本年支出, so not 02/03); non-fiscal
 *       OPENING_BALANCE feeds 01 only; 01 closing = O + A + I + F − E − D (docs/DOMAIN.md#carry-overs-and-year-close); 04 closing per budget type and
 *       08/09 closing per row = O + A − E.</li>
 *   <li>06 {@code public_total} (and so 机关运行经费) = every economic 类 other than 301/303, including
 *       307/309/311/312/313/399 (docs/CELLS.md#table-06: every other 类).</li>
 *   <li>{@code 07/budget}: GENERAL_BUDGET BUDGET postings with the item's code, INITIAL + INCREASE − DECREASE.</li>
 * </ul>
 */
final class NaiveCells {

    /** One audit line: a posting with +1, or the posting a reversal reverses with −1. */
    record Line(Posting p, int sign) {
        long fen() {
            return sign * p.amount().fen();
        }
    }

    private static final List<String> SANGONG =
            List.of("30212:overseas_travel", "31013:vehicle_purchase", "30231:vehicle_operation", "30217:reception");

    private NaiveCells() {}

    /** Audit lines of the postings whose (reversed posting's) unit is in scope. */
    static List<Line> lines(List<Posting> postings, Predicate<String> unitInScope) {
        Map<String, Posting> byId = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (Posting p : postings) {
            byId.put(p.sourceSystem() + "/" + p.postingId(), p);
            Posting target = p.type() == PostingType.REVERSAL ? byId.get(p.sourceSystem() + "/" + p.reverses()) : p;
            if (unitInScope.test(target.unitCode())) {
                lines.add(new Line(target, p.type() == PostingType.REVERSAL ? -1 : 1));
            }
        }
        return lines;
    }

    /** Every cell of docs/CELLS.md (2019 plus the state-capital keys), exact fen, zero cells left out. */
    static Map<String, Long> compute(List<Line> lines, Map<String, UnitKind> kinds) {
        return new NaiveCells.Run(lines, kinds).cells;
    }

    /** OPENING_BALANCE per fund source and 项, net of reversals, zero left out. */
    static Map<BalanceKey, Long> openingBalances(List<Line> lines) {
        Map<BalanceKey, Long> out = new TreeMap<>();
        for (Line l : lines) {
            if (l.p().type() == PostingType.OPENING_BALANCE) {
                out.merge(new BalanceKey(l.p().fundSource(), l.p().functionalCode()), l.fen(), Long::sum);
            }
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** L05–L07 counts over the lines, net of reversals. */
    static PostingCounts postingCounts(List<Line> lines) {
        int otherKind = 0;
        int smallMicroOnly = 0;
        int stateCapital = 0;
        for (Line l : lines) {
            Posting p = l.p();
            if (p.type() == PostingType.EXPENDITURE
                    && p.fundSource().fiscal()
                    && p.expenditureKind() != ExpenditureKind.BASIC
                    && p.expenditureKind() != ExpenditureKind.PROJECT) {
                otherKind += l.sign();
            }
            if (p.type() == PostingType.PROCUREMENT
                    && p.procurement().smallMicroAwarded()
                    && !p.procurement().smeAwarded()) {
                smallMicroOnly += l.sign();
            }
            if (p.fundSource() == FundSource.STATE_CAPITAL) {
                stateCapital += l.sign();
            }
        }
        return new PostingCounts(otherKind, smallMicroOnly, stateCapital);
    }

    private static final class Run {
        final List<Line> lines;
        final Map<String, Long> cells = new TreeMap<>();

        Run(List<Line> lines, Map<String, UnitKind> kinds) {
            this.lines = lines;
            Set<String> functionalRows = new TreeSet<>();
            Set<String> classes = new TreeSet<>();
            Set<String> economicRows = new TreeSet<>();
            for (Line l : lines) {
                String fn = l.p().functionalCode();
                functionalRows.add(fn);
                functionalRows.add(fn.substring(0, 5));
                functionalRows.add(fn.substring(0, 3));
                classes.add(fn.substring(0, 3));
                if (l.p().economicCode() != null) {
                    economicRows.add(l.p().economicCode());
                    economicRows.add(l.p().economicCode().substring(0, 3));
                }
            }
            functionalRows.add("total");

            table01(classes);
            for (String r : functionalRows) {
                table02(r);
                table03(r);
                table05(r);
                fundTable("08", FundSource.GOVERNMENT_FUND, r);
                fundTable("09", FundSource.STATE_CAPITAL, r);
            }
            table04(classes);
            table06(economicRows);
            table07();
            // 机关运行经费: 公用经费 of the ADMINISTRATIVE and CIVIL_SERVICE_MANAGED units only
            put(
                    "ops/operating_costs/amount",
                    sum(
                            PostingType.EXPENDITURE,
                            p -> general(p)
                                    && p.expenditureKind() == ExpenditureKind.BASIC
                                    && !personnel(p.economicCode())
                                    && (kinds.get(p.unitCode()) == UnitKind.ADMINISTRATIVE
                                            || kinds.get(p.unitCode()) == UnitKind.CIVIL_SERVICE_MANAGED)));
            put(
                    "general/meetings/amount",
                    sum(PostingType.EXPENDITURE, p -> general(p) && "30215".equals(p.economicCode())));
            put(
                    "general/training/amount",
                    sum(PostingType.EXPENDITURE, p -> general(p) && "30216".equals(p.economicCode())));
            put(
                    "general/festivals/amount",
                    sum(
                            PostingType.EXPENDITURE,
                            p -> p.activity() != null && p.activity().kind() == Activity.Kind.FESTIVAL));
            put("procurement/total/amount", sum(PostingType.PROCUREMENT, p -> true));
            for (Procurement.Category c : Procurement.Category.values()) {
                put(
                        "procurement/" + c.name().toLowerCase(Locale.ROOT) + "/amount",
                        sum(PostingType.PROCUREMENT, p -> p.procurement().category() == c));
            }
            put(
                    "procurement/sme/amount",
                    sum(PostingType.PROCUREMENT, p -> p.procurement().smeAwarded()));
            put(
                    "procurement/small_micro/amount",
                    sum(PostingType.PROCUREMENT, p -> p.procurement().smallMicroAwarded()));
        }

        // ---- 01 收入支出决算总表 ----
        private void table01(Set<String> classes) {
            for (FundSource s : FundSource.values()) {
                PostingType t = s.fiscal() ? PostingType.APPROPRIATION : PostingType.INCOME;
                put("01/income." + w(s) + "/amount", sum(t, p -> p.fundSource() == s));
            }
            long a = sum(PostingType.APPROPRIATION, p -> true);
            long i = sum(PostingType.INCOME, p -> true);
            long f = sum(PostingType.FUND_OFFSET, p -> true);
            long o = sum(PostingType.OPENING_BALANCE, p -> true);
            long e = sum(PostingType.EXPENDITURE, p -> true);
            long d = sum(PostingType.SURPLUS_DISTRIBUTION, p -> true);
            put("01/income.total/amount", a + i);
            put("01/income.business_fund_offset/amount", f);
            put("01/income.opening_balance/amount", o);
            put("01/income.grand_total/amount", a + i + f + o);
            for (String k : classes) {
                put("01/expenditure." + k + "/amount", sum(PostingType.EXPENDITURE, under(k)));
            }
            long closing = o + a + i + f - e - d;
            put("01/expenditure.total/amount", e);
            put("01/expenditure.surplus_distribution/amount", d);
            put("01/expenditure.closing_balance/amount", closing);
            put("01/expenditure.grand_total/amount", e + d + closing);
        }

        // ---- 02 收入决算表 ----
        private void table02(String r) {
            long fiscal = sum(PostingType.APPROPRIATION, under(r));
            long total = fiscal;
            put("02/" + r + "/fiscal", fiscal);
            for (FundSource s : FundSource.values()) {
                if (!s.fiscal()) {
                    long v = sum(PostingType.INCOME, under(r).and(p -> p.fundSource() == s));
                    put("02/" + r + "/" + w(s), v);
                    total += v;
                }
            }
            put("02/" + r + "/total", total);
        }

        // ---- 03 支出决算表 ----
        private void table03(String r) {
            put("03/" + r + "/total", sum(PostingType.EXPENDITURE, under(r)));
            for (ExpenditureKind k : ExpenditureKind.values()) {
                put("03/" + r + "/" + w(k), sum(PostingType.EXPENDITURE, under(r).and(p -> p.expenditureKind() == k)));
            }
        }

        // ---- 04 财政拨款收入支出决算总表 ----
        private void table04(Set<String> classes) {
            List<FundSource> budgets =
                    List.of(FundSource.GENERAL_BUDGET, FundSource.GOVERNMENT_FUND, FundSource.STATE_CAPITAL);
            long incomeTotal = 0;
            long openingTotal = 0;
            long expenditureTotal = 0;
            long closingTotal = 0;
            for (FundSource b : budgets) {
                long a = sum(PostingType.APPROPRIATION, p -> p.fundSource() == b);
                long o = sum(PostingType.OPENING_BALANCE, p -> p.fundSource() == b);
                long e = sum(PostingType.EXPENDITURE, p -> p.fundSource() == b);
                put("04/income." + w(b) + "/amount", a);
                put("04/income.opening_balance." + w(b) + "/amount", o);
                for (String k : classes) {
                    put(
                            "04/expenditure." + k + "/" + w(b),
                            sum(PostingType.EXPENDITURE, under(k).and(p -> p.fundSource() == b)));
                }
                put("04/expenditure.total/" + w(b), e);
                put("04/expenditure.closing_balance/" + w(b), o + a - e);
                put("04/expenditure.grand_total/" + w(b), e + (o + a - e));
                incomeTotal += a;
                openingTotal += o;
                expenditureTotal += e;
                closingTotal += o + a - e;
            }
            put("04/income.total/amount", incomeTotal);
            put("04/income.opening_balance/amount", openingTotal);
            put("04/income.grand_total/amount", incomeTotal + openingTotal);
            for (String k : classes) {
                put(
                        "04/expenditure." + k + "/total",
                        sum(
                                PostingType.EXPENDITURE,
                                under(k).and(p -> p.fundSource().fiscal())));
            }
            put("04/expenditure.total/total", expenditureTotal);
            put("04/expenditure.closing_balance/total", closingTotal);
            put("04/expenditure.grand_total/total", expenditureTotal + closingTotal);
        }

        // ---- 05 一般公共预算财政拨款支出决算表 ----
        private void table05(String r) {
            put("05/" + r + "/subtotal", sum(PostingType.EXPENDITURE, under(r).and(NaiveCells::general)));
            put(
                    "05/" + r + "/basic",
                    sum(
                            PostingType.EXPENDITURE,
                            under(r).and(NaiveCells::general).and(p -> p.expenditureKind() == ExpenditureKind.BASIC)));
            put(
                    "05/" + r + "/project",
                    sum(
                            PostingType.EXPENDITURE,
                            under(r).and(NaiveCells::general)
                                    .and(p -> p.expenditureKind() == ExpenditureKind.PROJECT)));
        }

        // ---- 06 基本支出决算表 ----
        private void table06(Set<String> economicRows) {
            Predicate<Posting> generalBasic = p -> general(p) && p.expenditureKind() == ExpenditureKind.BASIC;
            for (String ec : economicRows) {
                put(
                        "06/" + ec + "/amount",
                        sum(
                                PostingType.EXPENDITURE,
                                generalBasic.and(p -> p.economicCode().startsWith(ec))));
            }
            put(
                    "06/personnel_total/amount",
                    sum(PostingType.EXPENDITURE, generalBasic.and(p -> personnel(p.economicCode()))));
            put(
                    "06/public_total/amount",
                    sum(PostingType.EXPENDITURE, generalBasic.and(p -> !personnel(p.economicCode()))));
        }

        // ---- 07 三公 ----
        private void table07() {
            long actualTotal = 0;
            long budgetTotal = 0;
            long actualVehicles = 0;
            long budgetVehicles = 0;
            for (String entry : SANGONG) {
                String code = entry.substring(0, 5);
                String item = entry.substring(6);
                long actual = sum(
                        PostingType.EXPENDITURE,
                        p -> general(p)
                                && code.equals(p.economicCode())
                                && (p.expenditureKind() == ExpenditureKind.BASIC
                                        || p.expenditureKind() == ExpenditureKind.PROJECT));
                long budget = 0;
                for (Line l : lines) {
                    Posting p = l.p();
                    if (p.type() == PostingType.BUDGET && general(p) && code.equals(p.economicCode())) {
                        budget += p.stage() == BudgetStage.DECREASE ? -l.fen() : l.fen();
                    }
                }
                put("07/actual/" + item, actual);
                put("07/budget/" + item, budget);
                actualTotal += actual;
                budgetTotal += budget;
                if (item.startsWith("vehicle_")) {
                    actualVehicles += actual;
                    budgetVehicles += budget;
                }
            }
            put("07/actual/vehicles", actualVehicles);
            put("07/budget/vehicles", budgetVehicles);
            put("07/actual/total", actualTotal);
            put("07/budget/total", budgetTotal);
        }

        // ---- 08 政府性基金 / 09 国有资本经营 ----
        private void fundTable(String table, FundSource s, String r) {
            Predicate<Posting> f = under(r).and(p -> p.fundSource() == s);
            long o = sum(PostingType.OPENING_BALANCE, f);
            long a = sum(PostingType.APPROPRIATION, f);
            long e = sum(PostingType.EXPENDITURE, f);
            put(table + "/" + r + "/opening_balance", o);
            put(table + "/" + r + "/income", a);
            put(table + "/" + r + "/expenditure", e);
            put(
                    table + "/" + r + "/basic",
                    sum(PostingType.EXPENDITURE, f.and(p -> p.expenditureKind() == ExpenditureKind.BASIC)));
            put(
                    table + "/" + r + "/project",
                    sum(PostingType.EXPENDITURE, f.and(p -> p.expenditureKind() == ExpenditureKind.PROJECT)));
            put(table + "/" + r + "/closing_balance", o + a - e);
        }

        // ---- helpers ----
        private long sum(PostingType type, Predicate<Posting> filter) {
            long total = 0;
            for (Line l : lines) {
                if (l.p().type() == type && filter.test(l.p())) {
                    total += l.fen();
                }
            }
            return total;
        }

        private void put(String key, long fen) {
            if (fen != 0) {
                cells.put(key, fen);
            }
        }
    }

    /** fn ⊑ r: the functional code starts with the row code; "total" takes every code. */
    private static Predicate<Posting> under(String row) {
        return row.equals("total") ? p -> true : p -> p.functionalCode().startsWith(row);
    }

    private static boolean general(Posting p) {
        return p.fundSource() == FundSource.GENERAL_BUDGET;
    }

    private static boolean personnel(String ec) {
        return ec.startsWith("301") || ec.startsWith("303");
    }

    private static String w(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
