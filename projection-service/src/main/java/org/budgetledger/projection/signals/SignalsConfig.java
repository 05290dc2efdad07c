package org.budgetledger.projection.signals;

import java.math.BigDecimal;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.signals.domain.SignalThresholds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The detectors' thresholds from {@code projection.signals.*} (README, "Configuration"; docs/SIGNALS.md). */
@Configuration
class SignalsConfig {

    @Bean
    SignalThresholds signalThresholds(
            @Value("${projection.signals.late-entry-days:30}") int lateEntryDays,
            @Value("${projection.signals.december-share-percent:25}") BigDecimal decemberSharePercent,
            @Value("${projection.signals.q4-share-percent:40}") BigDecimal q4SharePercent,
            @Value("${projection.signals.minimum-year-expenditure:100000}") String minimumYearExpenditureYuan,
            @Value("${projection.signals.above-history-points:15}") BigDecimal aboveHistoryPoints,
            @Value("${projection.signals.history-years:3}") int historyYears) {
        return new SignalThresholds(
                lateEntryDays,
                decemberSharePercent,
                q4SharePercent,
                Money.parse(minimumYearExpenditureYuan).fen(),
                aboveHistoryPoints,
                historyYears);
    }
}
