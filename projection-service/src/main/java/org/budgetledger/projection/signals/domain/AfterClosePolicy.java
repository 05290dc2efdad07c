package org.budgetledger.projection.signals.domain;

import java.util.ArrayList;
import java.util.List;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.checks.domain.Text;

/**
 * AFTER_CLOSE: postings or reversals a unit's ledger holds after its YearClosed event. The ledger refuses every
 * posting, reversal included, to a closed year (docs/POSTINGS.md#year-close: {@code year.closed}; what a close
 * carries goes to the next year's ledger as its OPENING_BALANCE postings), so one such entry means the ledger's
 * history is not what its rules allow: an ERROR, one signal per unit listing them all.
 *
 * <p>"After" is the ledger's own order (the sequence): recording times of one ledger can stand out of sequence order by
 * the clocks of its instances, so a posting decided before the close may carry a later time. The close's instant is
 * given beside it.
 */
public final class AfterClosePolicy implements SignalDetector {

    @Override
    public SignalKind kind() {
        return SignalKind.AFTER_CLOSE;
    }

    @Override
    public List<Signal> detect(SignalInput input) {
        List<Signal> signals = new ArrayList<>();
        for (UnitLedger unit : input.units()) {
            UnitLedger.Closing closing = unit.closing();
            if (closing == null) {
                continue;
            }
            List<Entry> after = unit.entries().stream()
                    .filter(e -> e.sequence() > closing.sequence())
                    .toList();
            if (after.isEmpty()) {
                continue;
            }
            Entry last = after.get(after.size() - 1);
            FigureMap figures = new FigureMap()
                    .put("closedAt", closing.at().toString())
                    .put("closeSequence", closing.sequence())
                    .put("postings", after.size())
                    .put("lastRecordedAt", last.recordedAt().toString());
            Text message = Text.of(
                    after.size() + " posting(s) recorded after the year was closed at " + closing.at() + " (sequence "
                            + closing.sequence() + "): a closed year takes no posting",
                    "年度已于" + closing.at() + "关账（事件序号" + closing.sequence() + "），其后仍记录了" + after.size()
                            + "笔记账：已关账年度不应再有记账");
            signals.add(new Signal(
                    kind(),
                    Severity.ERROR,
                    unit.unitCode(),
                    SignalInput.SELF,
                    message,
                    figures.build(),
                    List.of(),
                    after.stream().map(Entry::ref).toList()));
        }
        return signals;
    }
}
