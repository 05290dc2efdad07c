package org.budgetledger.projection.signals.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.projection.signals.domain.SignalFixtures.appropriation;
import static org.budgetledger.projection.signals.domain.SignalFixtures.at;
import static org.budgetledger.projection.signals.domain.SignalFixtures.budget;
import static org.budgetledger.projection.signals.domain.SignalFixtures.expenditure;
import static org.budgetledger.projection.signals.domain.SignalFixtures.self;

import java.util.List;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.projection.checks.domain.Language;
import org.budgetledger.projection.checks.domain.Severity;
import org.junit.jupiter.api.Test;

/** Every detector's signals together, errors first; and the text the checks end with. */
class SignalsTest {

    private static List<Signal> closedAndOverBudget() {
        var ledger = new SignalFixtures.Ledger()
                .record(appropriation("A-1", "100000.00", "2024-01-02"), at("2024-01-02T02:00:00Z"))
                .record(budget("B-1", "2013701", "30217", BudgetStage.INITIAL, "1000.00"), at("2024-01-02T02:00:00Z"))
                .record(expenditure("E-1", "2000.00", "2024-05-01", "30217"), at("2024-05-01T02:00:00Z"))
                .close(at("2025-02-01T02:00:00Z"))
                .record(expenditure("E-2", "100.00", "2024-12-31", "30201"), at("2025-02-02T02:00:00Z"));
        return Signals.detect(self(ledger), SignalDetectors.standard());
    }

    @Test
    void errorsFirstThenByKind() {
        assertThat(closedAndOverBudget())
                .extracting(Signal::kind, Signal::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SignalKind.AFTER_CLOSE, Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple(SignalKind.LATE_ENTRY, Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple(SignalKind.OVER_BUDGET, Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple(SignalKind.OVER_BUDGET, Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple(SignalKind.OVER_BUDGET, Severity.WARNING));
    }

    @Test
    void theTextInEachLanguageWithThePostingsForAuditorsOnly() {
        List<Signal> signals = closedAndOverBudget();

        String zh = Signals.render(signals, Language.ZH, true);
        assertThat(zh)
                .startsWith("预警信号（5）\nAFTER_CLOSE 关账后记账  错误  SG-1  年度已于")
                .contains("记账：treasury-payments/E-2 100.00")
                .contains("数据（范围 self）：07/budget/reception, 07/actual/reception")
                .doesNotContain("WARNING");
        String en = Signals.render(signals, Language.EN, true);
        assertThat(en).startsWith("Signals (5)\nAFTER_CLOSE  ERROR  SG-1  1 posting(s) recorded after");
        assertThat(en).contains("postings: treasury-payments/E-2 100.00").doesNotContain("预警");
        String viewer = Signals.render(signals, Language.EN, false);
        assertThat(viewer).doesNotContain("E-2").endsWith("the postings behind each signal: GET …/signals (auditors)");
        assertThat(Signals.render(List.of(), Language.ZH, true)).isEqualTo("预警信号：无");
        assertThat(Signals.render(List.of(), Language.EN, false)).isEqualTo("Signals: none");
    }
}
