package org.budgetledger.projection.signals.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.PostingType;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.checks.domain.Text;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.report.domain.Facts;

/**
 * OVER_BUDGET: actual spending above its full-year budget (全年预算: INITIAL + INCREASE − DECREASE), on the figures of
 * the scope asked for (a department's, as its 公开07表 prints them, or the unit's alone).
 *
 * <ul>
 *   <li>Each 三公 item of table 07 ({@code overseas_travel}, {@code vehicle_purchase}, {@code vehicle_operation},
 *       {@code reception}) and its {@code total}, where the year has 三公 BUDGET postings at all, or a 07 budget
 *       figure imported from its published document (07 prints 无 otherwise, and there is nothing to compare with): {@code 07/actual/{item}} above {@code 07/budget/{item}}. An
 *       item spent without a budget of its own, in a year that budgets 三公, counts. Both figures are cells.</li>
 *   <li>Each functional 项 that has general-budget BUDGET postings of its own (a BUDGET posting always carries its
 *       项): its general-budget spending, the cell {@code 05/{项}/subtotal}, above the full-year budget of those
 *       postings. That budget is no cell: the signal lists the BUDGET postings (DECREASE negative, a reversal the
 *       negation of what it withdraws), whose sum it is.</li>
 * </ul>
 * 机关运行经费 ({@code ops/operating_costs}) has no budget figure (no posting routes to one), so it is not compared.
 */
public final class OverBudgetPolicy implements SignalDetector {

    /** The 三公 items compared, leaves first: the printed subtotal {@code vehicles} is left to its two items. */
    static final List<String> ITEMS =
            List.of("overseas_travel", "vehicle_purchase", "vehicle_operation", "reception", CellKeys.TOTAL);

    static final Map<String, String> NAMES = Map.of(
            "overseas_travel",
            "因公出国（境）费",
            "vehicle_purchase",
            "公务用车购置费",
            "vehicle_operation",
            "公务用车运行（维护）费",
            "reception",
            "公务接待费",
            CellKeys.TOTAL,
            "“三公”经费合计");

    @Override
    public SignalKind kind() {
        return SignalKind.OVER_BUDGET;
    }

    @Override
    public List<Signal> detect(SignalInput input) {
        List<Signal> signals = new ArrayList<>();
        Cells f = input.figures();
        // budgeted: 三公 BUDGET postings, or a 07 budget figure of a year imported from its published document
        if (f.fen(Facts.sangongBudgetKey(CellKeys.TOTAL, Facts.POSTINGS)) > 0
                || f.anyNonZero(CellKeys.key(CellKeys.T07, CellKeys.BUDGET, ""))) {
            for (String item : ITEMS) {
                String budget = CellKeys.sangongBudget(item);
                String actual = CellKeys.sangongActual(item);
                if (f.fen(actual) > f.fen(budget)) {
                    Text subject = Text.of("三公 item " + item + " (" + NAMES.get(item) + ")", NAMES.get(item));
                    signals.add(signal(
                            input,
                            subject,
                            f.fen(budget),
                            f.fen(actual),
                            List.of(budget, actual),
                            List.of(),
                            "item",
                            item));
                }
            }
        }
        budgetsByItem(input).forEach((code, postings) -> {
            long budget = postings.stream().mapToLong(PostingRef::fen).sum();
            String actual = CellKeys.key(CellKeys.T05, code, CellKeys.SUBTOTAL);
            if (f.fen(actual) > budget) {
                Text subject = Text.of("General-budget spending on 项 " + code, "项" + code + "一般公共预算财政拨款支出");
                signals.add(signal(
                        input, subject, budget, f.fen(actual), List.of(actual), postings, "functionalCode", code));
            }
        });
        return signals;
    }

    /**
     * The general-budget BUDGET postings of every member, by 项, as they add up to its full-year budget; only 项 with
     * at least one such posting standing (not reversed).
     */
    static Map<String, List<PostingRef>> budgetsByItem(SignalInput input) {
        Map<String, List<PostingRef>> byItem = new TreeMap<>();
        Map<String, Integer> standing = new TreeMap<>();
        for (UnitLedger unit : input.units()) {
            for (Entry e : unit.entries()) {
                var p = e.routed();
                if (p.type() != PostingType.BUDGET
                        || p.fundSource() != FundSource.GENERAL_BUDGET
                        || p.functionalCode() == null) {
                    continue;
                }
                long full = p.stage() == BudgetStage.DECREASE
                        ? -p.amount().fen()
                        : p.amount().fen();
                byItem.computeIfAbsent(p.functionalCode(), k -> new ArrayList<>())
                        .add(e.ref(e.sign() * full));
                standing.merge(p.functionalCode(), e.sign(), Integer::sum);
            }
        }
        byItem.keySet().removeIf(code -> standing.get(code) <= 0);
        return byItem;
    }

    private Signal signal(
            SignalInput input,
            Text subject,
            long budget,
            long actual,
            List<String> cellKeys,
            List<PostingRef> postings,
            String subjectName,
            String subjectValue) {
        FigureMap figures = new FigureMap()
                .put(subjectName, subjectValue)
                .money("budget", budget)
                .money("actual", actual)
                .money("excess", actual - budget);
        String b = Money.ofFen(budget).toWanYuan();
        String a = Money.ofFen(actual).toWanYuan();
        String excess = Money.ofFen(actual - budget).toString();
        Text message = Text.of(
                subject.en() + ": actual " + a + " above its full-year budget " + b + " 万元 (by " + excess + " yuan)",
                subject.zh() + "决算数" + a + "万元超过全年预算数" + b + "万元（超出" + excess + "元）");
        return new Signal(
                kind(),
                Severity.WARNING,
                input.unitCode(),
                input.scope(),
                message,
                figures.build(),
                cellKeys,
                postings);
    }
}
