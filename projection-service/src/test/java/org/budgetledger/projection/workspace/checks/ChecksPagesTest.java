package org.budgetledger.projection.workspace.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.budgetledger.projection.checks.domain.CheckInput;
import org.budgetledger.projection.checks.domain.CheckReport;
import org.budgetledger.projection.checks.domain.Checks;
import org.junit.jupiter.api.Test;

class ChecksPagesTest {

    /** An income total with no income row: W01 fails. */
    private static final CheckReport FAILING =
            Checks.report(CheckInput.builder("HT-CAC", 2019, Map.of("01/income.total/amount", 1_000_000L))
                    .build());

    @Test
    void aFailingRuleShowsTheFiguresItComparedEachLinkedToItsTrail() {
        String html = ChecksPages.content(FAILING, key -> "/workspace/HT-CAC/2019/cells/" + key);
        assertThat(html)
                .contains("data-rule=\"W01\" data-status=\"FAIL\"", "不通过")
                .contains("<section class=\"result\" data-result=\"W01\" data-status=\"FAIL\">")
                .contains("<a href=\"/workspace/HT-CAC/2019/cells/01/income.total/amount\" "
                        + "data-cell=\"01/income.total/amount\" title=\"01/income.total/amount 1.00\">1.00</a>");
    }

    @Test
    void forARoleThatMayNotReadTrailsTheFiguresAreMarkedNotLinked() {
        String html = ChecksPages.content(FAILING, null);
        assertThat(html).contains("<span data-cell=\"01/income.total/amount\"").doesNotContain("<a href=\"/workspace");
    }
}
