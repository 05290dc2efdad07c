package org.budgetledger.projection.signals.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.projection.signals.domain.SignalFixtures.appropriation;
import static org.budgetledger.projection.signals.domain.SignalFixtures.at;
import static org.budgetledger.projection.signals.domain.SignalFixtures.budget;
import static org.budgetledger.projection.signals.domain.SignalFixtures.self;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Given when each posting occurred and was recorded, when LATE_ENTRY looks, then the unit's late postings, grouped. */
class LateEntryPolicyTest {

    private final LateEntryPolicy policy = new LateEntryPolicy();

    @Test
    void theSeedLoadedTodayInBulkIsHistoryNotLateEntries() {
        SignalInput seed = SignalFixtures.loaded(Fixtures.HETANG, Instant.now());

        assertThat(policy.detect(seed)).isEmpty();
        assertThat(Signals.detect(seed, SignalDetectors.standard()))
                .as("the seed's office: no signal of any kind")
                .isEmpty();
    }

    @Test
    void postingsRecordedMoreThanThirtyDaysAfterTheyOccurredOnceLiveAreOneWarningLongestFirst() {
        var ledger = new SignalFixtures.Ledger()
                .record(appropriation("A-1", "10000.00", "2024-01-02"), at("2024-01-02T02:00:00Z")) // live 1-2 Jan
                .record(expenditure("E-1", "100.00", "2024-03-01"), at("2024-03-31T15:59:59Z")) // 30 days in CST
                .record(expenditure("E-2", "200.00", "2024-03-01"), at("2024-03-31T16:00:00Z")) // 1 April CST: 31
                .record(expenditure("E-3", "300.00", "2024-02-01"), at("2024-05-06T01:00:00Z")) // 95 days
                .record(budget("B-1", "2013701", null, BudgetStage.INITIAL, "9000.00"), at("2024-04-20T01:00:00Z"));

        List<Signal> signals = policy.detect(self(ledger));

        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        assertThat(s.severity()).isEqualTo(Severity.WARNING);
        assertThat(s.postings()).extracting(PostingRef::postingId).containsExactly("E-3", "E-2");
        assertThat(s.figures())
                .containsEntry("lateEntryDays", 30)
                .containsEntry("liveSince", "2024-01-02")
                .containsEntry("postings", 2)
                .containsEntry("amount", "0.05")
                .containsEntry("amountYuan", "500.00")
                .containsEntry("longestDaysLate", 95L);
        assertThat(s.postings().stream().mapToLong(PostingRef::fen).sum())
                .as("the amount is the sum of the postings listed")
                .isEqualTo(50_000L);
    }

    @Test
    void paymentsBeforeTheLedgerWentLiveAreNotLateWhateverTheirAge() {
        // the ledger starts in July with the first half of the year entered then
        var ledger = new SignalFixtures.Ledger()
                .record(expenditure("E-1", "100.00", "2024-01-15"), at("2024-07-01T02:00:00Z"))
                .record(expenditure("E-2", "100.00", "2024-06-30"), at("2024-07-01T03:00:00Z"))
                .record(expenditure("E-3", "100.00", "2024-07-01"), at("2024-08-15T03:00:00Z"));

        assertThat(policy.detect(self(ledger)))
                .singleElement()
                .satisfies(s -> assertThat(s.postings())
                        .extracting(PostingRef::postingId)
                        .containsExactly("E-3"));
    }

    @Test
    void theThresholdIsConfigurable() {
        var ledger = new SignalFixtures.Ledger()
                .record(appropriation("A-1", "10000.00", "2024-01-02"), at("2024-01-02T02:00:00Z"))
                .record(expenditure("E-1", "100.00", "2024-03-01"), at("2024-03-12T02:00:00Z"));
        SignalThresholds tenDays = new SignalThresholds(
                10, new BigDecimal("25"), new BigDecimal("40"), 10_000_000L, new BigDecimal("15"), 3);

        assertThat(policy.detect(self(ledger))).isEmpty();
        assertThat(policy.detect(self(ledger, tenDays))).hasSize(1);
    }

    private static org.budgetledger.contract.Posting expenditure(String id, String amount, String occurredOn) {
        return SignalFixtures.expenditure(id, amount, occurredOn, "30201");
    }
}
