package org.budgetledger.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void aValueCannotEndTheLineOrForgeTheNext() {
        String forged = "M-1\r\n2026-12-05T07:52:41.288Z ERROR DIVERGENCE of HT-CAC:2019";
        assertThat(LogSafe.of(forged))
                .isEqualTo("M-1\\r\\n2026-12-05T07:52:41.288Z ERROR DIVERGENCE of HT-CAC:2019")
                .doesNotContain("\r")
                .doesNotContain("\n");
        assertThat(LogSafe.of("a\u2028b\u0000c\u001bd\te")).isEqualTo("a\\u2028b\\u0000c\\u001bd\\te");
        assertThat(LogSafe.of("预算单位 HT-CAC")).isEqualTo("预算单位 HT-CAC");
        assertThat(LogSafe.of(null)).isEqualTo("null");
    }

    @Test
    void aHugeValueIsCut() {
        assertThat(LogSafe.of("x".repeat(5_000)))
                .hasSize(LogSafe.MAX + " characters)".length() + "… (5000".length())
                .endsWith("… (5000 characters)");
    }
}
