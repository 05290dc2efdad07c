package org.budgetledger.projection.signals.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.budgetledger.contract.PostingType;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.checks.domain.Text;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/**
 * YEAR_END_RUSH (年底突击花钱): how much of a unit's spending of the year fell in December and in the fourth quarter
 * (EXPENDITURE postings of every fund source, net of reversals, by {@code occurredOn}), for the unit and for each
 * economic 类 (the first 3 digits of the economic code) it spent on. A unit or 类 spending less than
 * {@link SignalThresholds#minimumYearExpenditureFen()} in the year is not looked at. It is flagged when December's share
 * is above {@link SignalThresholds#decemberSharePercent()}, or the quarter's above
 * {@link SignalThresholds#q4SharePercent()}; the unit as a whole also when December's share is at least
 * {@link SignalThresholds#aboveHistoryPoints()} points above the average of its earlier years held by the projection
 * (up to {@link SignalThresholds#historyYears()}, each with at least the minimum spending). Shares are compared exactly.
 *
 * <p>Reproducible: the unit's year is its own cell {@code 01/expenditure.total/amount} (scope self) and the signal lists
 * its fourth-quarter postings, whose sums are the quarter and December; a 类's figures are no cell, so the signal lists
 * every posting of the 类 in the year, whose sums are the year, the quarter and December. An earlier year's shares
 * come from its month facts (the dashboard's monthly spending of that year) and its own {@code 01/expenditure.total}.
 */
public final class YearEndRushPolicy implements SignalDetector {

    private static final int SCALE = 10;

    /** The year's spending, the fourth quarter's and December's, fen. */
    record Months(long year, long q4, long december) {
        static Months of(List<Entry> entries) {
            long year = 0;
            long q4 = 0;
            long december = 0;
            for (Entry e : entries) {
                int month = e.occurredOn().getMonthValue();
                year += e.signedFen();
                q4 += month >= 10 ? e.signedFen() : 0;
                december += month == 12 ? e.signedFen() : 0;
            }
            return new Months(year, q4, december);
        }

        static Months of(Cells figures) {
            long q4 = 0;
            for (int m = 10; m <= 12; m++) {
                q4 += figures.fen(CellKeys.monthFact(m, CellKeys.EXPENDITURE));
            }
            return new Months(
                    figures.fen(CellKeys.EXPENDITURE_TOTAL_01),
                    q4,
                    figures.fen(CellKeys.monthFact(12, CellKeys.EXPENDITURE)));
        }

        BigDecimal decemberShare() {
            return BigDecimal.valueOf(december)
                    .multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(year), SCALE, RoundingMode.HALF_UP);
        }
    }

    @Override
    public SignalKind kind() {
        return SignalKind.YEAR_END_RUSH;
    }

    @Override
    public List<Signal> detect(SignalInput input) {
        SignalThresholds t = input.thresholds();
        List<Signal> signals = new ArrayList<>();
        for (UnitLedger unit : input.units()) {
            if (unit.imported()) {
                continue; // figures from a document: no postings, no months
            }
            List<Entry> spent = unit.entries().stream()
                    .filter(e -> e.routed().type() == PostingType.EXPENDITURE && e.occurredOn() != null)
                    .toList();
            unitSignal(unit, spent, t).ifPresent(signals::add);
            Map<String, List<Entry>> byClass = new TreeMap<>();
            spent.stream()
                    .filter(e -> e.routed().economicCode() != null)
                    .forEach(e -> byClass.computeIfAbsent(
                                    e.routed().economicCode().substring(0, 3), k -> new ArrayList<>())
                            .add(e));
            byClass.forEach((economicClass, entries) ->
                    classSignal(unit, economicClass, entries, t).ifPresent(signals::add));
        }
        return signals;
    }

    private Optional<Signal> unitSignal(UnitLedger unit, List<Entry> spent, SignalThresholds t) {
        Months m = Months.of(spent);
        if (m.year() < Math.max(1, t.minimumYearExpenditureFen())) {
            return Optional.empty();
        }
        Map<Integer, Months> past = new LinkedHashMap<>();
        for (UnitLedger.PastYear p : unit.pastYears()) {
            Months earlier = Months.of(p.figures());
            if (past.size() < t.historyYears() && earlier.year() >= Math.max(1, t.minimumYearExpenditureFen())) {
                past.put(p.fiscalYear(), earlier);
            }
        }
        List<Text> reasons = absoluteReasons(m, t);
        FigureMap figures = figures(m, t);
        if (!past.isEmpty()) {
            BigDecimal average = past.values().stream()
                    .map(Months::decemberShare)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(past.size()), SCALE, RoundingMode.HALF_UP);
            String averagePrinted = average.setScale(2, RoundingMode.HALF_UP).toPlainString();
            if (m.decemberShare().compareTo(average.add(t.aboveHistoryPoints())) >= 0) {
                reasons.add(Text.of(
                        "December at least " + FigureMap.plain(t.aboveHistoryPoints()) + " points above the average "
                                + averagePrinted + "% of " + past.size() + " earlier year(s)",
                        "12月占比比前" + past.size() + "年平均" + averagePrinted + "%高出"
                                + FigureMap.plain(t.aboveHistoryPoints()) + "个百分点以上"));
            }
            Map<String, Object> years = new LinkedHashMap<>();
            past.forEach((year, earlier) -> years.put(String.valueOf(year), pastFigures(earlier)));
            figures.put("previousYears", years)
                    .put("previousDecemberShareAverage", averagePrinted)
                    .put("aboveHistoryPoints", FigureMap.plain(t.aboveHistoryPoints()));
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        List<PostingRef> q4 = sorted(
                spent.stream().filter(e -> e.occurredOn().getMonthValue() >= 10).toList());
        return Optional.of(signal(
                unit,
                Text.of("The unit's spending", "单位支出"),
                m,
                reasons,
                figures,
                List.of(CellKeys.EXPENDITURE_TOTAL_01),
                q4));
    }

    private Optional<Signal> classSignal(
            UnitLedger unit, String economicClass, List<Entry> entries, SignalThresholds t) {
        Months m = Months.of(entries);
        if (m.year() < Math.max(1, t.minimumYearExpenditureFen())) {
            return Optional.empty();
        }
        List<Text> reasons = absoluteReasons(m, t);
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        FigureMap figures = new FigureMap().put("economicClass", economicClass);
        figures(m, t).build().forEach(figures::put);
        return Optional.of(signal(
                unit,
                Text.of("Spending on economic class " + economicClass, "经济分类" + economicClass + "类支出"),
                m,
                reasons,
                figures,
                List.of(),
                sorted(entries)));
    }

    private static List<Text> absoluteReasons(Months m, SignalThresholds t) {
        List<Text> reasons = new ArrayList<>();
        if (FigureMap.above(m.december(), m.year(), t.decemberSharePercent())) {
            String limit = FigureMap.plain(t.decemberSharePercent());
            reasons.add(Text.of("December above " + limit + "%", "12月占比超过" + limit + "%"));
        }
        if (FigureMap.above(m.q4(), m.year(), t.q4SharePercent())) {
            String limit = FigureMap.plain(t.q4SharePercent());
            reasons.add(Text.of("Q4 above " + limit + "%", "第四季度占比超过" + limit + "%"));
        }
        return reasons;
    }

    private static FigureMap figures(Months m, SignalThresholds t) {
        return new FigureMap()
                .money("year", m.year())
                .money("q4", m.q4())
                .money("december", m.december())
                .share("decemberShare", m.december(), m.year())
                .share("q4Share", m.q4(), m.year())
                .put("decemberSharePercentOver", FigureMap.plain(t.decemberSharePercent()))
                .put("q4SharePercentOver", FigureMap.plain(t.q4SharePercent()))
                .money("minimumYearExpenditure", t.minimumYearExpenditureFen());
    }

    private static Map<String, Object> pastFigures(Months m) {
        return new FigureMap()
                .money("year", m.year())
                .money("q4", m.q4())
                .money("december", m.december())
                .share("decemberShare", m.december(), m.year())
                .share("q4Share", m.q4(), m.year())
                .build();
    }

    private Signal signal(
            UnitLedger unit,
            Text subject,
            Months m,
            List<Text> reasons,
            FigureMap figures,
            List<String> cellKeys,
            List<PostingRef> postings) {
        String year = org.budgetledger.contract.Money.ofFen(m.year()).toWanYuan();
        String december = FigureMap.percent(m.december(), m.year()).toPlainString();
        String q4 = FigureMap.percent(m.q4(), m.year()).toPlainString();
        Text message = Text.of(
                subject.en() + ": December " + december + "% and Q4 " + q4 + "% of the year's " + year + " 万元 ("
                        + String.join("; ", reasons.stream().map(Text::en).toList()) + ")",
                subject.zh() + "：12月占全年" + year + "万元的" + december + "%，第四季度占" + q4 + "%（"
                        + String.join("；", reasons.stream().map(Text::zh).toList()) + "）");
        return new Signal(
                kind(),
                Severity.WARNING,
                unit.unitCode(),
                SignalInput.SELF,
                message,
                figures.build(),
                cellKeys,
                postings);
    }

    /** December first: by date, latest first, then in the ledger's order. */
    private static List<PostingRef> sorted(List<Entry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(Entry::occurredOn).reversed().thenComparingLong(Entry::sequence))
                .map(Entry::ref)
                .toList();
    }
}
