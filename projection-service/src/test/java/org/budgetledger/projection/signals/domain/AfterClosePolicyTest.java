package org.budgetledger.projection.signals.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.projection.signals.domain.SignalFixtures.appropriation;
import static org.budgetledger.projection.signals.domain.SignalFixtures.at;
import static org.budgetledger.projection.signals.domain.SignalFixtures.expenditure;
import static org.budgetledger.projection.signals.domain.SignalFixtures.reversal;
import static org.budgetledger.projection.signals.domain.SignalFixtures.self;

import java.util.List;
import org.budgetledger.projection.checks.domain.Severity;
import org.junit.jupiter.api.Test;

/** Given a ledger's entries and its close, when AFTER_CLOSE looks, then the entries the ledger holds after the close. */
class AfterClosePolicyTest {

    private final AfterClosePolicy policy = new AfterClosePolicy();

    @Test
    void aPostingAndAReversalRecordedAfterTheCloseAreOneErrorListingBoth() {
        var ledger = new SignalFixtures.Ledger()
                .record(appropriation("A-1", "1000.00", "2024-01-05"), at("2024-01-05T02:00:00Z"))
                .record(expenditure("E-1", "300.00", "2024-12-20", "30201"), at("2024-12-20T02:00:00Z"))
                .close(at("2025-02-10T08:00:00Z"))
                .record(expenditure("E-2", "50.00", "2024-12-30", "30201"), at("2025-03-01T08:00:00Z"))
                .record(reversal("R-1", "E-1"), at("2025-03-02T08:00:00Z"));

        List<Signal> signals = policy.detect(self(ledger));

        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        assertThat(s.kind()).isEqualTo(SignalKind.AFTER_CLOSE);
        assertThat(s.severity()).isEqualTo(Severity.ERROR);
        assertThat(s.unitCode()).isEqualTo("SG-1");
        assertThat(s.postings())
                .extracting(PostingRef::postingId, PostingRef::fen, PostingRef::reverses)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("E-2", 5_000L, null),
                        org.assertj.core.groups.Tuple.tuple("R-1", -30_000L, "E-1"));
        assertThat(s.figures())
                .containsEntry("closedAt", "2025-02-10T08:00:00Z")
                .containsEntry("closeSequence", 3L)
                .containsEntry("postings", 2)
                .containsEntry("lastRecordedAt", "2025-03-02T08:00:00Z");
        assertThat(s.message().en()).contains("2 posting(s) recorded after the year was closed");
        assertThat(s.message().zh()).contains("其后仍记录了2笔记账");
    }

    @Test
    void nothingRecordedAfterTheCloseOrNoCloseKnownIsNoSignal() {
        var closed = new SignalFixtures.Ledger()
                .record(appropriation("A-1", "1000.00", "2024-01-05"), at("2024-01-05T02:00:00Z"))
                .close(at("2025-02-10T08:00:00Z"));
        var open = new SignalFixtures.Ledger()
                .record(appropriation("A-1", "1000.00", "2024-01-05"), at("2025-06-05T02:00:00Z"));

        assertThat(policy.detect(self(closed))).isEmpty();
        assertThat(policy.detect(self(open))).isEmpty();
    }

    @Test
    void afterIsTheLedgersOrderNotItsClocks() {
        // decided before the close by the ledger, stamped later by another instance's clock: not after the close
        var ledger = new SignalFixtures.Ledger()
                .record(expenditure("E-1", "300.00", "2024-12-20", "30201"), at("2025-02-10T08:00:00.002Z"))
                .close(at("2025-02-10T08:00:00.001Z"));

        assertThat(policy.detect(self(ledger))).isEmpty();
    }
}
