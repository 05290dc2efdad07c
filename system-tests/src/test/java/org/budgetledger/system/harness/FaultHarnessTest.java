package org.budgetledger.system.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection harness in its small configuration (HarnessConfig.small(): about 5,000 postings, two SIGKILLs
 * of each service, the broker SIGKILLed once, the H2 store SIGKILLed once): nothing lost, nothing
 * doubled, every published cell right. {@code -Dharness.profile=full} (the Maven profile {@code harness}, or
 * bin/fault-harness) runs the full configuration instead; any {@code -Dharness.<name>} overrides one setting.
 */
class FaultHarnessTest {

    @Test
    void survivesCrashesRestartsRedeliveryDuplicatesRacesAndGarbage() throws Exception {
        FaultHarness.quietLogging();
        HarnessConfig config = HarnessConfig.fromSystemProperties();
        Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        FaultHarness.Report report = new FaultHarness(config, repo).run();
        String text = report.render();
        assertThat(report.crash).as(text).isNull();
        assertThat(report.lost).as(text).isZero();
        assertThat(report.doubled).as(text).isZero();
        assertThat(report.wrongCells).as(text).isZero();
        assertThat(report.invalidRecorded).as(text).isZero();
        assertThat(report.serverErrorsOutside).as(text).isZero();
        assertThat(report.kills.get("ledger")).as(text).isGreaterThanOrEqualTo(config.killsPerService());
        assertThat(report.kills.get("projection")).as(text).isGreaterThanOrEqualTo(config.killsPerService());
        assertThat(report.ok()).as(text).isTrue();
    }
}
