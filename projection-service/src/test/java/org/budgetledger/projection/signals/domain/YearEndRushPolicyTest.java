package org.budgetledger.projection.signals.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.projection.signals.domain.SignalFixtures.at;
import static org.budgetledger.projection.signals.domain.SignalFixtures.expenditure;
import static org.budgetledger.projection.signals.domain.SignalFixtures.reversal;
import static org.budgetledger.projection.signals.domain.SignalFixtures.self;

import java.util.List;
import java.util.Map;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Given a year's spending by month, when YEAR_END_RUSH looks, then the unit and the economic 类 that rushed. */
class YearEndRushPolicyTest {

    private final YearEndRushPolicy policy = new YearEndRushPolicy();

    /** 10,000 yuan on 302 each month from January to November, then {@code december} on 310 in December. */
    private static SignalFixtures.Ledger steadyThen(String december) {
        var ledger = new SignalFixtures.Ledger();
        for (int m = 1; m <= 11; m++) {
            ledger.record(
                    expenditure("E-" + m, "10000.00", String.format("2024-%02d-15", m), "30201"),
                    at(String.format("2024-%02d-15T02:00:00Z", m)));
        }
        return ledger.record(expenditure("E-12", december, "2024-12-20", "31002"), at("2024-12-20T02:00:00Z"));
    }

    @Test
    void decemberHeavySpendingIsARushOfTheUnitAndOfItsEconomicClass() {
        // year 260,000: December 150,000 = 57.69% (> 25), Q4 170,000 = 65.38% (> 40); 310 all in December
        var ledger = steadyThen("150000.00");

        List<Signal> signals = policy.detect(self(ledger));

        assertThat(signals).hasSize(2);
        Signal unit = signals.get(0);
        assertThat(unit.figures())
                .containsEntry("year", "26.00")
                .containsEntry("yearYuan", "260000.00")
                .containsEntry("q4Yuan", "170000.00")
                .containsEntry("decemberYuan", "150000.00")
                .containsEntry("decemberShare", "57.69")
                .containsEntry("q4Share", "65.38");
        assertThat(unit.cellKeys()).containsExactly(CellKeys.EXPENDITURE_TOTAL_01);
        assertThat(unit.scope()).isEqualTo(SignalInput.SELF);
        assertThat(unit.postings())
                .as("the fourth quarter's postings, December first: their sums are the quarter and December")
                .extracting(PostingRef::postingId)
                .containsExactly("E-12", "E-11", "E-10");
        assertThat(unit.message().en()).contains("December above 25%").contains("Q4 above 40%");
        assertThat(unit.message().zh()).contains("12月占比超过25%");
        Signal equipment = signals.get(1);
        assertThat(equipment.figures()).containsEntry("economicClass", "310").containsEntry("decemberShare", "100.00");
        assertThat(equipment.postings().stream().mapToLong(PostingRef::fen).sum())
                .as("a 类's year is the sum of its postings listed")
                .isEqualTo(15_000_000L);
        assertThat(signals.stream().filter(s -> "302".equals(s.figures().get("economicClass"))))
                .as("302 spent evenly")
                .isEmpty();
    }

    @Test
    void aReversedDecemberPaymentIsNotSpending() {
        var ledger = steadyThen("150000.00").record(reversal("R-12", "E-12"), at("2024-12-28T02:00:00Z"));

        assertThat(policy.detect(self(ledger))).isEmpty();
    }

    @Test
    void belowTheMinimumNothingIsLookedAt() {
        var small = new SignalFixtures.Ledger()
                .record(expenditure("E-1", "10000.00", "2024-03-15", "30201"), at("2024-03-15T02:00:00Z"))
                .record(expenditure("E-2", "80000.00", "2024-12-15", "30201"), at("2024-12-15T02:00:00Z"));

        assertThat(policy.detect(self(small)))
                .as("90,000 yuan in the year: under 100,000")
                .isEmpty();
    }

    @Test
    void wellAboveTheUnitsOwnEarlierYearsEvenUnderTheShareThresholds() {
        // this year December 24.14% (under 25), Q4 under 40; the two years before: about 8.3%
        var earlier2023 = steadyThen("10000.00");
        var earlier2022 = steadyThen("10000.00");
        var ledger = steadyThen("35000.00").earlier(2023, earlier2023).earlier(2022, earlier2022);

        List<Signal> signals = policy.detect(self(ledger));

        Signal unit = signals.stream()
                .filter(s -> !s.figures().containsKey("economicClass"))
                .findFirst()
                .orElseThrow();
        assertThat(unit.figures())
                .containsEntry("decemberShare", "24.14")
                .containsEntry("previousDecemberShareAverage", "8.33");
        @SuppressWarnings("unchecked")
        Map<String, Object> years = (Map<String, Object>) unit.figures().get("previousYears");
        assertThat(years).containsOnlyKeys("2023", "2022");
        assertThat(unit.message().en()).contains("at least 15 points above the average 8.33% of 2 earlier year(s)");
        assertThat(policy.detect(self(steadyThen("35000.00"))))
                .as("without earlier years the unit itself is not flagged")
                .noneMatch(s -> !s.figures().containsKey("economicClass"));
    }

    @Test
    void theDemoDepartmentsOfficeSpendsAThirdOfItsGoodsAndServicesInDecember() {
        SignalInput demo = SignalFixtures.loaded(Fixtures.DEMO_WLJ, java.time.Instant.now());

        assertThat(policy.detect(demo)).singleElement().satisfies(s -> {
            assertThat(s.unitCode()).isEqualTo("DEMO-WLJ");
            assertThat(s.figures()).containsEntry("economicClass", "302").containsEntry("yearYuan", "1618500.00");
        });
    }
}
