package org.budgetledger.projection.signals.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.budgetledger.contract.PostingType;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.checks.domain.Text;

/**
 * LATE_ENTRY: money that moved long before the ledger was told. A posting counts when it is an APPROPRIATION, INCOME,
 * EXPENDITURE, FUND_OFFSET or SURPLUS_DISTRIBUTION (the postings that move money on the day they occurred) and was
 * recorded more than {@link SignalThresholds#lateEntryDays()} days after its {@code occurredOn} — but only when it
 * occurred on or after the day the unit's ledger for the year recorded its first posting (its going live). A year
 * loaded in bulk, or a ledger that starts mid-year with the months before it, is history being entered, not late
 * entries: counted from their occurrence it would flag every posting of it.
 *
 * <p>Not counted: OPENING_BALANCE (dated 1 January by definition, carried by the close of the year before), BUDGET
 * (a plan dated at the start of its period and approved later), PROCUREMENT (a contract, reported from the procurement
 * statistics), reversals (they carry no date of their own) and the ledger's own {@code year-close} postings. Days are
 * counted between calendar dates in China Standard Time, the time of the units' own calendars.
 *
 * <p>One signal per unit with all its late postings, the latest first: a batch posted late reads as one finding
 * rather than as a page of them, and its total and the longest delay are the figures.
 */
public final class LateEntryPolicy implements SignalDetector {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Set<PostingType> MONEY_MOVES = EnumSet.of(
            PostingType.APPROPRIATION,
            PostingType.INCOME,
            PostingType.EXPENDITURE,
            PostingType.FUND_OFFSET,
            PostingType.SURPLUS_DISTRIBUTION);
    static final String YEAR_CLOSE = "year-close";

    @Override
    public SignalKind kind() {
        return SignalKind.LATE_ENTRY;
    }

    @Override
    public List<Signal> detect(SignalInput input) {
        List<Signal> signals = new ArrayList<>();
        int limit = input.thresholds().lateEntryDays();
        for (UnitLedger unit : input.units()) {
            if (unit.entries().isEmpty()) {
                continue;
            }
            LocalDate live = unit.entries().stream()
                    .map(e -> recordedOn(e))
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            List<Entry> late = unit.entries().stream()
                    .filter(e -> counts(e) && !e.occurredOn().isBefore(live) && daysLate(e) > limit)
                    .sorted(Comparator.comparingLong(LateEntryPolicy::daysLate)
                            .reversed()
                            .thenComparingLong(Entry::sequence))
                    .toList();
            if (!late.isEmpty()) {
                signals.add(signal(unit, live, limit, late));
            }
        }
        return signals;
    }

    private Signal signal(UnitLedger unit, LocalDate live, int limit, List<Entry> late) {
        long amount = late.stream().mapToLong(Entry::signedFen).sum();
        long longest = daysLate(late.get(0));
        FigureMap figures = new FigureMap()
                .put("lateEntryDays", limit)
                .put("liveSince", live.toString())
                .put("postings", late.size())
                .money("amount", amount)
                .put("longestDaysLate", longest);
        String wan = org.budgetledger.contract.Money.ofFen(amount).toWanYuan();
        Text message = Text.of(
                late.size() + " posting(s) recorded more than " + limit + " days after they occurred (at most "
                        + longest + " days), " + wan + " 万元 in all",
                late.size() + "笔记账在发生" + limit + "天以后才入账（最长" + longest + "天），合计" + wan + "万元");
        return new Signal(
                kind(),
                Severity.WARNING,
                unit.unitCode(),
                SignalInput.SELF,
                message,
                figures.build(),
                List.of(),
                late.stream().map(Entry::ref).toList());
    }

    private static boolean counts(Entry e) {
        return !e.isReversal()
                && MONEY_MOVES.contains(e.posting().type())
                && !YEAR_CLOSE.equals(e.posting().sourceSystem())
                && e.occurredOn() != null;
    }

    static LocalDate recordedOn(Entry e) {
        return e.recordedAt().atZone(CHINA).toLocalDate();
    }

    static long daysLate(Entry e) {
        return ChronoUnit.DAYS.between(e.occurredOn(), recordedOn(e));
    }
}
