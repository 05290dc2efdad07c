package org.budgetledger.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheSelectedMetricsOnly() {
        assertThat(
                        PromQl.metricNames(
                                "sum by (channel, outcome) (rate(ledger_postings_total{application=\"ledger-service\", namespace=~\"$namespace\"}[$__rate_interval]))"))
                .containsExactly("ledger_postings_total");
        assertThat(PromQl.metricNames(
                        "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{uri=~\"/a|/b\"}[5m])))"
                                + " / on (uri) group_left max(x_total offset 5m) > bool 1e3"))
                .containsExactly("http_server_requests_seconds_bucket", "x_total");
        assertThat(PromQl.metricNames("max(a{b=\"c{d}\"}) / max(e > 0) and up == 0"))
                .containsExactly("a", "e", "up");
    }
}
