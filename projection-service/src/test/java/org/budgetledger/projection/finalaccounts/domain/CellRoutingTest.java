package org.budgetledger.projection.finalaccounts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

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
import org.budgetledger.contract.UnitKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CellRoutingTest {

    private static final long A = 10_000; // 100.00 yuan

    @Test
    void generalBasicExpenditureFeedsEveryTableItBelongsTo() {
        Map<String, Long> c = CellRouting.contributions(
                expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.BASIC, "2013701", "30101"));

        assertThat(c)
                .containsOnly(
                        entry("01/expenditure.201/amount", A),
                        entry("01/expenditure.total/amount", A),
                        entry("01/expenditure.closing_balance/amount", -A),
                        entry("03/2013701/basic", A),
                        entry("03/20137/basic", A),
                        entry("03/201/basic", A),
                        entry("03/total/basic", A),
                        entry("03/2013701/total", A),
                        entry("03/20137/total", A),
                        entry("03/201/total", A),
                        entry("03/total/total", A),
                        entry("04/expenditure.201/general_budget", A),
                        entry("04/expenditure.201/total", A),
                        entry("04/expenditure.total/general_budget", A),
                        entry("04/expenditure.total/total", A),
                        entry("04/expenditure.closing_balance/general_budget", -A),
                        entry("04/expenditure.closing_balance/total", -A),
                        entry("05/2013701/basic", A),
                        entry("05/20137/basic", A),
                        entry("05/201/basic", A),
                        entry("05/total/basic", A),
                        entry("05/2013701/subtotal", A),
                        entry("05/20137/subtotal", A),
                        entry("05/201/subtotal", A),
                        entry("05/total/subtotal", A),
                        entry("06/301/amount", A),
                        entry("06/30101/amount", A),
                        entry("06/personnel_total/amount", A));
    }

    @Test
    void generalBasicPublicSpendingGoesToPublicTotalAndItsClass() {
        Map<String, Long> c = CellRouting.contributions(
                expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.BASIC, "2013701", "31002"));

        assertThat(c)
                .contains(entry("06/310/amount", A), entry("06/31002/amount", A), entry("06/public_total/amount", A));
        assertThat(c).doesNotContainKeys("06/personnel_total/amount", "ops/operating_costs/amount");
    }

    @Test
    void generalProjectSangongFeeds07ButNot06() {
        Map<String, Long> reception = CellRouting.contributions(
                expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.PROJECT, "2070109", "30217"));
        Map<String, Long> vehicle = CellRouting.contributions(
                expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.PROJECT, "2070109", "31013"));

        assertThat(reception)
                .contains(entry("05/2070109/project", A), entry("07/actual/reception", A), entry("07/actual/total", A));
        assertThat(reception.keySet()).noneMatch(k -> k.startsWith("06/")).doesNotContain("07/actual/vehicles");
        assertThat(vehicle)
                .contains(
                        entry("07/actual/vehicle_purchase", A),
                        entry("07/actual/vehicles", A),
                        entry("07/actual/total", A));
    }

    @Test
    void meetingsAndTrainingAreGeneralSpendingOfAnyKind() {
        assertThat(CellRouting.contributions(
                        expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.PROJECT, "2013701", "30215")))
                .contains(entry("general/meetings/amount", A));
        assertThat(CellRouting.contributions(
                        expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.BASIC, "2013701", "30216")))
                .contains(entry("general/training/amount", A), entry("06/30216/amount", A));
        assertThat(CellRouting.contributions(
                        expenditure(FundSource.OPERATING, ExpenditureKind.BASIC, "2013701", "30216")))
                .doesNotContainKey("general/training/amount");
    }

    @Test
    void governmentFundProjectFeeds08And04ButNot05() {
        Map<String, Long> c = CellRouting.contributions(
                expenditure(FundSource.GOVERNMENT_FUND, ExpenditureKind.PROJECT, "2296003", "30227"));

        assertThat(c)
                .contains(
                        entry("08/2296003/expenditure", A),
                        entry("08/22960/project", A),
                        entry("08/229/expenditure", A),
                        entry("08/total/project", A),
                        entry("08/total/closing_balance", -A),
                        entry("08/2296003/closing_balance", -A),
                        entry("04/expenditure.229/government_fund", A),
                        entry("04/expenditure.229/total", A),
                        entry("04/expenditure.closing_balance/government_fund", -A),
                        entry("03/22960/project", A),
                        entry("01/expenditure.229/amount", A));
        assertThat(c.keySet()).noneMatch(k -> k.startsWith("05/") || k.startsWith("06/") || k.startsWith("07/"));
        assertThat(c).doesNotContainKeys("04/expenditure.grand_total/total", "01/expenditure.grand_total/amount");
    }

    @ParameterizedTest
    @EnumSource(ExpenditureKind.class)
    void nonFiscalSpendingOfEachKindFeeds01And03Only(ExpenditureKind kind) {
        Map<String, Long> c = CellRouting.contributions(expenditure(FundSource.OPERATING, kind, "2070109", "30226"));

        String k = CellKeys.word(kind);
        assertThat(c)
                .containsOnly(
                        entry("01/expenditure.207/amount", A),
                        entry("01/expenditure.total/amount", A),
                        entry("01/expenditure.closing_balance/amount", -A),
                        entry("03/2070109/" + k, A),
                        entry("03/20701/" + k, A),
                        entry("03/207/" + k, A),
                        entry("03/total/" + k, A),
                        entry("03/2070109/total", A),
                        entry("03/20701/total", A),
                        entry("03/207/total", A),
                        entry("03/total/total", A));
    }

    @Test
    void festivalsCountWhateverTheSource() {
        Posting festival = posting(
                PostingType.EXPENDITURE,
                FundSource.OTHER,
                "2070109",
                "30299",
                ExpenditureKind.PROJECT,
                null,
                new Activity(Activity.Kind.FESTIVAL, 1, 200),
                null);

        assertThat(CellRouting.contributions(festival)).contains(entry("general/festivals/amount", A));
    }

    @Test
    void appropriationAndIncomeFeedTheIncomeSideAndTheClosingBalance() {
        Map<String, Long> appropriation = CellRouting.contributions(
                posting(PostingType.APPROPRIATION, FundSource.GENERAL_BUDGET, "2013701", null, null, null, null, null));
        Map<String, Long> income = CellRouting.contributions(
                posting(PostingType.INCOME, FundSource.OPERATING, "2070109", null, null, null, null, null));

        assertThat(appropriation)
                .containsOnly(
                        entry("01/income.general_budget/amount", A),
                        entry("01/income.total/amount", A),
                        entry("01/income.grand_total/amount", A),
                        entry("01/expenditure.closing_balance/amount", A),
                        entry("01/expenditure.grand_total/amount", A),
                        entry("02/2013701/fiscal", A),
                        entry("02/20137/fiscal", A),
                        entry("02/201/fiscal", A),
                        entry("02/total/fiscal", A),
                        entry("02/2013701/total", A),
                        entry("02/20137/total", A),
                        entry("02/201/total", A),
                        entry("02/total/total", A),
                        entry("04/income.general_budget/amount", A),
                        entry("04/income.total/amount", A),
                        entry("04/income.grand_total/amount", A),
                        entry("04/expenditure.closing_balance/general_budget", A),
                        entry("04/expenditure.closing_balance/total", A),
                        entry("04/expenditure.grand_total/general_budget", A),
                        entry("04/expenditure.grand_total/total", A));
        assertThat(income)
                .containsOnly(
                        entry("01/income.operating/amount", A),
                        entry("01/income.total/amount", A),
                        entry("01/income.grand_total/amount", A),
                        entry("01/expenditure.closing_balance/amount", A),
                        entry("01/expenditure.grand_total/amount", A),
                        entry("02/2070109/operating", A),
                        entry("02/20701/operating", A),
                        entry("02/207/operating", A),
                        entry("02/total/operating", A),
                        entry("02/2070109/total", A),
                        entry("02/20701/total", A),
                        entry("02/207/total", A),
                        entry("02/total/total", A));
    }

    @Test
    void governmentFundOpeningBalanceFeeds01And04And08() {
        Map<String, Long> c = CellRouting.contributions(posting(
                PostingType.OPENING_BALANCE, FundSource.GOVERNMENT_FUND, "2296003", null, null, null, null, null));

        assertThat(c)
                .contains(
                        entry("01/income.opening_balance/amount", A),
                        entry("04/income.opening_balance/amount", A),
                        entry("04/income.opening_balance.government_fund/amount", A),
                        entry("04/income.grand_total/amount", A),
                        entry("04/expenditure.closing_balance/government_fund", A),
                        entry("08/229/opening_balance", A),
                        entry("08/total/closing_balance", A));
        assertThat(c.keySet()).noneMatch(k -> k.startsWith("02/") || k.contains("income.total"));
    }

    @Test
    void stateCapitalHasItsOwnColumnsAndTable09() {
        Map<String, Long> c = CellRouting.contributions(
                posting(PostingType.APPROPRIATION, FundSource.STATE_CAPITAL, "2233001", null, null, null, null, null));

        assertThat(c)
                .contains(
                        entry("01/income.state_capital/amount", A),
                        entry("02/total/fiscal", A),
                        entry("04/income.state_capital/amount", A),
                        entry("04/income.total/amount", A),
                        entry("04/expenditure.closing_balance/state_capital", A),
                        entry("09/2233001/income", A),
                        entry("09/total/closing_balance", A));
    }

    @Test
    void fundOffsetAndSurplusDistributionFeed01Only() {
        Map<String, Long> offset = CellRouting.contributions(
                posting(PostingType.FUND_OFFSET, FundSource.OPERATING, "2070109", null, null, null, null, null));
        Map<String, Long> distribution = CellRouting.contributions(posting(
                PostingType.SURPLUS_DISTRIBUTION, FundSource.OPERATING, "2070109", null, null, null, null, null));

        assertThat(offset)
                .containsOnly(
                        entry("01/income.business_fund_offset/amount", A),
                        entry("01/income.grand_total/amount", A),
                        entry("01/expenditure.closing_balance/amount", A),
                        entry("01/expenditure.grand_total/amount", A));
        assertThat(distribution)
                .containsOnly(
                        entry("01/expenditure.surplus_distribution/amount", A),
                        entry("01/expenditure.closing_balance/amount", -A));
    }

    @Test
    void budgetStagesAddUpToTheFullYearBudgetAndOnlyFeed07() {
        Map<String, Long> initial = CellRouting.contributions(budget(BudgetStage.INITIAL, "30231"));
        Map<String, Long> increase = CellRouting.contributions(budget(BudgetStage.INCREASE, "30212"));
        Map<String, Long> decrease = CellRouting.contributions(budget(BudgetStage.DECREASE, "30231"));

        assertThat(initial)
                .containsOnly(
                        entry("07/budget/vehicle_operation", A),
                        entry("07/budget/vehicles", A),
                        entry("07/budget/total", A));
        assertThat(increase).containsOnly(entry("07/budget/overseas_travel", A), entry("07/budget/total", A));
        assertThat(decrease)
                .containsOnly(
                        entry("07/budget/vehicle_operation", -A),
                        entry("07/budget/vehicles", -A),
                        entry("07/budget/total", -A));
        assertThat(CellRouting.contributions(budget(BudgetStage.INITIAL, "30201")))
                .isEmpty();
        assertThat(CellRouting.contributions(budget(BudgetStage.INITIAL, null))).isEmpty();
    }

    @Test
    void procurementIsNeverIncomeOrExpenditure() {
        Map<String, Long> c = CellRouting.contributions(posting(
                PostingType.PROCUREMENT,
                FundSource.GOVERNMENT_FUND,
                "2296003",
                null,
                null,
                null,
                null,
                new Procurement(Procurement.Category.SERVICES, true, true)));

        assertThat(c)
                .containsOnly(
                        entry("procurement/total/amount", A),
                        entry("procurement/services/amount", A),
                        entry("procurement/sme/amount", A),
                        entry("procurement/small_micro/amount", A));
    }

    @Test
    void aReversalCancelsThePostingExactly() {
        Posting spent = expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.BASIC, "2013701", "30217");
        Figures figures = new Figures();

        figures.apply(CellRouting.contributions(spent), 1);
        assertThat(figures.fen()).isNotEmpty();
        figures.apply(CellRouting.contributions(spent), -1);

        assertThat(figures.fen()).isEmpty();
        assertThat(figures.published()).isEmpty();
        assertThatThrownBy(() -> CellRouting.contributions(new Posting(
                        "R",
                        "s",
                        "U",
                        2019,
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
                        spent.postingId(),
                        "wrong")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishedOmitsCellsThatRoundToZeroAndKeepsTheSign() {
        Figures figures = new Figures()
                .apply(
                        Map.of(
                                "a/x/amount", 4_999L, // 49.99 yuan → 0.00 万元
                                "b/x/amount", -4_999L, // → -0.00, omitted too
                                "c/x/amount", 5_000L, // 50.00 yuan → 0.01 (half-up)
                                "d/x/amount", -5_000L, // → -0.01
                                "e/x/amount", 307_400_00L),
                        1);

        assertThat(figures.published())
                .containsExactly(
                        entry("c/x/amount", "0.01"), entry("d/x/amount", "-0.01"), entry("e/x/amount", "30.74"));
    }

    @Test
    void operatingCostsFollowTheUnitKindAndAddUpOverUnits() {
        Figures admin = new Figures()
                .apply(
                        CellRouting.contributions(
                                expenditure(FundSource.GENERAL_BUDGET, ExpenditureKind.BASIC, "2013701", "30201")),
                        1);
        Figures institution = admin.copy();

        assertThat(admin.withOperatingCosts(UnitKind.ADMINISTRATIVE).fen(CellKeys.OPERATING_COSTS_KEY))
                .isEqualTo(A);
        assertThat(admin.withOperatingCosts(UnitKind.CIVIL_SERVICE_MANAGED).fen(CellKeys.OPERATING_COSTS_KEY))
                .isEqualTo(A);
        assertThat(admin.withOperatingCosts(UnitKind.PUBLIC_INSTITUTION).fen())
                .doesNotContainKey(CellKeys.OPERATING_COSTS_KEY);
        assertThat(admin.fen()).doesNotContainKey(CellKeys.OPERATING_COSTS_KEY);

        Figures department = Figures.sum(java.util.List.of(
                admin.withOperatingCosts(UnitKind.ADMINISTRATIVE), institution.withOperatingCosts(UnitKind.OTHER)));
        assertThat(department.fen(CellKeys.PUBLIC_TOTAL_KEY)).isEqualTo(2 * A);
        assertThat(department.fen(CellKeys.OPERATING_COSTS_KEY)).isEqualTo(A);
    }

    private static Posting expenditure(FundSource source, ExpenditureKind kind, String fn, String ec) {
        return posting(PostingType.EXPENDITURE, source, fn, ec, kind, null, null, null);
    }

    private static Posting budget(BudgetStage stage, String ec) {
        return posting(PostingType.BUDGET, FundSource.GENERAL_BUDGET, "2070109", ec, null, stage, null, null);
    }

    private static Posting posting(
            PostingType type,
            FundSource source,
            String fn,
            String ec,
            ExpenditureKind kind,
            BudgetStage stage,
            Activity activity,
            Procurement procurement) {
        return new Posting(
                "P-1",
                "test",
                "U",
                2020,
                type,
                source,
                fn,
                ec,
                kind,
                stage,
                Money.ofFen(A),
                LocalDate.of(2020, 3, 1),
                null,
                activity,
                procurement,
                null,
                null);
    }
}
