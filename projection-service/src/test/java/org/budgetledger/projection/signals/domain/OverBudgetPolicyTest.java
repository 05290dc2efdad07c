package org.budgetledger.projection.signals.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.budgetledger.projection.signals.domain.SignalFixtures.at;
import static org.budgetledger.projection.signals.domain.SignalFixtures.budget;
import static org.budgetledger.projection.signals.domain.SignalFixtures.expenditure;
import static org.budgetledger.projection.signals.domain.SignalFixtures.reversal;
import static org.budgetledger.projection.signals.domain.SignalFixtures.self;

import java.time.Instant;
import java.util.List;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Given budgets and spending, when OVER_BUDGET looks, then each 三公 item and 项 spent beyond its full-year budget. */
class OverBudgetPolicyTest {

    private final OverBudgetPolicy policy = new OverBudgetPolicy();
    private static final Instant T = at("2024-01-02T02:00:00Z");

    @Test
    void aSangongItemOverItsBudgetGivesBothCellsAndBothFigures() {
        var ledger = new SignalFixtures.Ledger()
                .record(budget("B-1", "2013701", "30217", BudgetStage.INITIAL, "10000.00"), T)
                .record(budget("B-2", "2013701", "30217", BudgetStage.DECREASE, "2000.00"), T)
                .record(budget("B-3", "2013701", "30231", BudgetStage.INITIAL, "50000.00"), T)
                .record(expenditure("E-1", "8500.00", "2024-05-01", "30217"), T)
                .record(expenditure("E-2", "40000.00", "2024-05-01", "30231"), T);

        List<Signal> signals = policy.detect(self(ledger));

        assertThat(signals)
                .as("reception 8,500 over 8,000; the total 48,500 within 58,000; the 项 within its 58,000")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.cellKeys()).containsExactly("07/budget/reception", "07/actual/reception");
                    assertThat(s.figures())
                            .containsEntry("item", "reception")
                            .containsEntry("budget", "0.80")
                            .containsEntry("budgetYuan", "8000.00")
                            .containsEntry("actual", "0.85")
                            .containsEntry("actualYuan", "8500.00")
                            .containsEntry("excessYuan", "500.00");
                    assertThat(s.scope()).isEqualTo(SignalInput.SELF);
                    assertThat(s.message().zh()).isEqualTo("公务接待费决算数0.85万元超过全年预算数0.80万元（超出500.00元）");
                });
    }

    @Test
    void anItemSpentWithoutABudgetOfItsOwnCountsOnceSangongIsBudgeted() {
        var ledger = new SignalFixtures.Ledger()
                .record(budget("B-1", "2013701", "30217", BudgetStage.INITIAL, "10000.00"), T)
                .record(expenditure("E-1", "3000.00", "2024-05-01", "30212"), T);

        assertThat(policy.detect(self(ledger)))
                .extracting(s -> s.figures().get("item"))
                .containsExactly("overseas_travel");
    }

    @Test
    void withoutAnySangongBudgetThereIsNothingToCompareWith() {
        var ledger = new SignalFixtures.Ledger().record(expenditure("E-1", "3000.00", "2024-05-01", "30217"), T);

        assertThat(policy.detect(self(ledger))).isEmpty();
    }

    @Test
    void aYearImportedFromItsPublishedDocumentIsComparedOnIts07() {
        Cells published = Cells.copyOf(java.util.Map.of(
                "07/budget/reception", 1_000_000L,
                "07/budget/total", 1_000_000L,
                "07/actual/reception", 1_200_000L,
                "07/actual/total", 1_200_000L));
        SignalInput imported = new SignalInput(
                "IMP-1",
                2018,
                SignalInput.SELF,
                published,
                List.of(new UnitLedger("IMP-1", 2018, null, true, List.of(), published, List.of())),
                SignalThresholds.DEFAULTS,
                null);

        assertThat(policy.detect(imported))
                .extracting(s -> s.figures().get("item"))
                .containsExactly("reception", "total");
    }

    @Test
    void aFunctionalItemOverItsBudgetListsTheBudgetPostingsWhoseSumIsTheBudget() {
        var ledger = new SignalFixtures.Ledger()
                .record(budget("B-1", "2013701", null, BudgetStage.INITIAL, "100000.00"), T)
                .record(budget("B-2", "2013701", null, BudgetStage.INCREASE, "20000.00"), T)
                .record(budget("B-3", "2013701", null, BudgetStage.DECREASE, "30000.00"), T)
                .record(budget("B-4", "2013701", null, BudgetStage.INCREASE, "50000.00"), T)
                .record(reversal("R-4", "B-4"), T)
                .record(expenditure("E-1", "95000.00", "2024-05-01", "30201"), T);

        List<Signal> signals = policy.detect(self(ledger));

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.cellKeys()).containsExactly("05/2013701/subtotal");
            assertThat(s.figures())
                    .containsEntry("functionalCode", "2013701")
                    .containsEntry("budgetYuan", "90000.00")
                    .containsEntry("actualYuan", "95000.00");
            assertThat(s.postings())
                    .extracting(PostingRef::postingId, PostingRef::fen)
                    .containsExactly(
                            tuple("B-1", 10_000_000L),
                            tuple("B-2", 2_000_000L),
                            tuple("B-3", -3_000_000L),
                            tuple("B-4", 5_000_000L),
                            tuple("R-4", -5_000_000L));
        });
    }

    @Test
    void aFunctionalItemWithoutBudgetPostingsIsNotCompared() {
        var ledger = new SignalFixtures.Ledger()
                .record(budget("B-1", "2060199", null, BudgetStage.INITIAL, "100.00"), T)
                .record(expenditure("E-1", "95000.00", "2024-05-01", "30201"), T);

        assertThat(policy.detect(self(ledger)))
                .extracting(s -> s.figures().get("functionalCode"))
                .isEmpty();
    }

    @Test
    void theDemoDepartmentOverspendsReceptionVehicleRunningAndOneItemsBudget() {
        SignalInput demo = SignalFixtures.loaded(Fixtures.DEMO_WLJ, Instant.now());

        List<Signal> signals = policy.detect(demo);

        assertThat(signals)
                .extracting(s -> s.figures().get("item"), s -> s.figures().get("functionalCode"))
                .containsExactly(tuple("vehicle_operation", null), tuple("reception", null), tuple(null, "2070109"));
        assertThat(signals.get(1).figures()).containsEntry("budget", "1.50").containsEntry("actual", "2.35");
        assertThat(signals)
                .allMatch(s -> s.unitCode().equals("DEMO-WLJ") && s.scope().equals("department"));
    }
}
