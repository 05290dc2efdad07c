package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.budgetledger.contract.Activity;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.Procurement;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class FactsTest {

    static Posting budget(String id, FundSource source, String fn, String ec, BudgetStage stage, String yuan) {
        return new Posting(
                id,
                "test",
                "U",
                2020,
                PostingType.BUDGET,
                source,
                fn,
                ec,
                null,
                stage,
                Money.parse(yuan),
                LocalDate.of(2020, 1, 1),
                null,
                null,
                null,
                null,
                null);
    }

    static Posting spend(String id, FundSource source, String fn, String ec, String yuan, Activity activity) {
        return new Posting(
                id,
                "test",
                "U",
                2020,
                PostingType.EXPENDITURE,
                source,
                fn,
                ec,
                ExpenditureKind.BASIC,
                null,
                Money.parse(yuan),
                LocalDate.of(2020, 3, 1),
                null,
                activity,
                null,
                null,
                null);
    }

    @Test
    void anOpeningBudgetWithoutEconomicCodeCountsInItsItemAndTheTotal() {
        Map<String, Long> c = Facts.contributions(
                budget("b1", FundSource.GENERAL_BUDGET, "2070101", null, BudgetStage.INITIAL, "2400000.00"));
        assertThat(c)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "facts/budget.2070101/initial", 240_000_000L,
                        "facts/budget.2070101/full", 240_000_000L,
                        "facts/budget.total/initial", 240_000_000L,
                        "facts/budget.total/full", 240_000_000L,
                        "facts/budget.total/postings", 1L));
    }

    @Test
    void adjustmentsMoveOnlyTheFullYearBudget() {
        assertThat(Facts.contributions(
                        budget("b2", FundSource.GENERAL_BUDGET, "2070104", null, BudgetStage.INCREASE, "100.00")))
                .containsEntry("facts/budget.2070104/full", 10_000L)
                .doesNotContainKey("facts/budget.2070104/initial")
                .containsEntry("facts/budget.total/postings", 1L);
        assertThat(Facts.contributions(
                        budget("b3", FundSource.GENERAL_BUDGET, "2070104", null, BudgetStage.DECREASE, "40.00")))
                .containsEntry("facts/budget.2070104/full", -4_000L)
                .containsEntry("facts/budget.total/full", -4_000L);
    }

    @Test
    void aSangongBudgetCountsInItsItemAndInThe07Initial() {
        Map<String, Long> c = Facts.contributions(
                budget("b4", FundSource.GENERAL_BUDGET, "2070109", "31013", BudgetStage.INITIAL, "220000.00"));
        assertThat(c)
                .containsEntry("facts/budget.2070109/initial", 22_000_000L)
                .containsEntry("facts/sangong_budget.vehicle_purchase/initial", 22_000_000L)
                .containsEntry("facts/sangong_budget.vehicles/initial", 22_000_000L)
                .containsEntry("facts/sangong_budget.total/initial", 22_000_000L)
                .containsEntry("facts/sangong_budget.total/postings", 1L);
        assertThat(Facts.contributions(
                        budget("b5", FundSource.GENERAL_BUDGET, "2070109", "30212", BudgetStage.INCREASE, "1.00")))
                .containsEntry("facts/sangong_budget.total/postings", 1L)
                .doesNotContainKey("facts/sangong_budget.overseas_travel/initial");
    }

    @Test
    void budgetsOfOtherMoneyAreNotGeneralBudgetFacts() {
        assertThat(Facts.contributions(
                        budget("b6", FundSource.GOVERNMENT_FUND, "2296003", null, BudgetStage.INITIAL, "5.00")))
                .isEmpty();
    }

    @Test
    void activitiesAreCountedFromExpendituresOfEverySource() {
        assertThat(Facts.contributions(spend(
                        "e1",
                        FundSource.GENERAL_BUDGET,
                        "2013701",
                        "30217",
                        "600.00",
                        new Activity(Activity.Kind.RECEPTION, 1, 5))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "facts/activity.reception/groups", 1L,
                        "facts/activity.reception/persons", 5L,
                        "facts/activity.reception/postings", 1L));
        assertThat(Facts.contributions(spend(
                        "e2",
                        FundSource.OPERATING,
                        "2070109",
                        "30299",
                        "10.00",
                        new Activity(Activity.Kind.FESTIVAL, null, null))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("facts/activity.festival/postings", 1L));
        assertThat(Facts.contributions(spend("e3", FundSource.GENERAL_BUDGET, "2013701", "30101", "10.00", null)))
                .isEmpty();
        assertThat(Facts.activityKey(Activity.Kind.OVERSEAS_TRIP, Facts.PERSONS))
                .isEqualTo("facts/activity.overseas_trip/persons");
    }

    @Test
    void otherPostingsHaveNoFactsAndAReversalIsTheCallersNegation() {
        Posting procurement = new Posting(
                "p1",
                "test",
                "U",
                2020,
                PostingType.PROCUREMENT,
                FundSource.GENERAL_BUDGET,
                "2070109",
                null,
                null,
                null,
                Money.parse("10.00"),
                LocalDate.of(2020, 2, 1),
                null,
                null,
                new Procurement(Procurement.Category.GOODS, true, false),
                null,
                null);
        assertThat(Facts.contributions(procurement)).isEmpty();
        Posting reversal = new Posting(
                "r1",
                "test",
                "U",
                2020,
                PostingType.REVERSAL,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "p1",
                "wrong");
        assertThatThrownBy(() -> Facts.contributions(reversal)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Facts.isFact("facts/budget.total/full")).isTrue();
        assertThat(Facts.isFact("01/income.total/amount")).isFalse();
    }

    @Test
    void theFixturesGiveTheirCountsAndBudgets() {
        Map<String, Long> hetang = new ReportFixtures(Fixtures.HETANG).figures();
        assertThat(hetang)
                .containsEntry("facts/activity.reception/groups", 1L)
                .containsEntry("facts/activity.reception/persons", 5L)
                .containsEntry("facts/activity.training/persons", 90L)
                .doesNotContainKey("facts/budget.total/postings");

        Map<String, Long> demo = new ReportFixtures(Fixtures.DEMO_WLJ).figures();
        // 2 400 000 (no economic code) + 20 000 + 90 000 + 50 000 + 220 000 (三公 codes) yuan
        assertThat(demo)
                .containsEntry("facts/budget.total/initial", 278_000_000L)
                .containsEntry("facts/budget.total/full", 279_500_000L)
                .containsEntry("facts/budget.2070101/initial", 251_000_000L)
                .containsEntry("facts/budget.2070109/full", 28_500_000L)
                .containsEntry("facts/budget.total/postings", 7L)
                .containsEntry("facts/sangong_budget.total/initial", 38_000_000L)
                .containsEntry("facts/sangong_budget.total/postings", 6L)
                .containsEntry("facts/activity.reception/groups", 6L)
                .containsEntry("facts/activity.reception/persons", 42L)
                .containsEntry("facts/activity.overseas_trip/persons", 3L)
                .containsEntry("facts/activity.meeting/persons", 80L)
                .containsEntry("facts/activity.training/persons", 130L);
        // 07's 全年预算 = 年初 + 调增 − 调减
        assertThat(demo.get("07/budget/total")).isEqualTo(38_000_000L + 2_000_000L - 500_000L);
    }
}
