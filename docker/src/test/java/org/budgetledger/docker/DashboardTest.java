package org.budgetledger.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker/grafana/dashboards/budget-ledger.json: valid JSON, one panel per concern, only the services' metric names. */
class DashboardTest {

    static final Path FILE = Paths.get("grafana/dashboards/budget-ledger.json");

    static JsonNode dashboard;
    /** Query expression -> the title of its panel. */
    static Map<String, String> exprs = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        dashboard = new ObjectMapper().readTree(FILE.toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.put(target.get("expr").asText(), panel.get("title").asText());
            }
        }
    }

    @Test
    void isAProvisionableDashboard() {
        assertThat(dashboard.get("uid").asText()).isEqualTo("budget-ledger");
        assertThat(dashboard.get("title").asText()).isNotBlank();
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt()))
                    .as("unique id of %s", panel.get("title"))
                    .isTrue();
            assertThat(panel.at("/gridPos/w").asInt()).isPositive();
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
                panel.get("targets")
                        .forEach(t -> assertThat(t.get("refId").asText()).isNotBlank());
            }
        }
    }

    @Test
    void usesOnlyTheServicesMetricNames() {
        List<String> queries = new ArrayList<>(exprs.keySet());
        dashboard.at("/templating/list").forEach(v -> {
            if (v.get("type").asText().equals("query")) {
                queries.add(v.get("definition").asText().replaceAll("^label_values\\((\\w+),.*$", "$1"));
            }
        });
        Set<String> used = new TreeSet<>();
        for (String expr : queries) {
            Set<String> names = PromQl.metricNames(expr);
            assertThat(names).as(expr).isNotEmpty();
            assertThat(Metrics.SERVICES).as("metric names of %s", expr).containsAll(names);
            used.addAll(names);
        }
        assertThat(used)
                .contains(
                        "ledger_postings_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "ledger_relay_published_total",
                        "ledger_relay_queue",
                        "ledger_relay_dirty",
                        "projection_events_applied_total",
                        "projection_lag_seconds",
                        "projection_rebuild_events_done",
                        "projection_rebuild_events_total",
                        "projection_rebuild_running",
                        "jvm_memory_used_bytes",
                        "ledger_relay_partitions",
                        "ledger_relay_lag_seconds",
                        "ledger_relay_handovers_total",
                        "budgetledger_divergences_total",
                        "projection_events_quarantined_total");
        assertThat(used).anyMatch(n -> n.startsWith("http_server_requests_seconds"));
    }

    @Test
    void hasAPanelForEachConcern() {
        assertThat(panelOf("sum by (channel, outcome) (rate(ledger_postings_total"))
                .isNotNull();
        assertThat(panelOf("sum by (reason) (rate(ledger_postings_total{", "outcome=\"rejected\""))
                .isNotNull();
        String latency = panelOf(
                "histogram_quantile(0.99",
                "http_server_requests_seconds_bucket",
                "/api/v1/postings",
                "/api/v1/postings/batch");
        assertThat(latency)
                .isNotNull()
                .isEqualTo(panelOf("histogram_quantile(0.5", "http_server_requests_seconds_bucket"))
                .isEqualTo(panelOf("http_server_requests_seconds_sum", "http_server_requests_seconds_count"));
        assertThat(panelOf("kafka_consumer_fetch_manager_records_lag_max", "client_id"))
                .isNotNull();
        assertThat(panelOf("rate(ledger_relay_published_total")).isNotNull();
        assertThat(panelOf("ledger_relay_queue")).isNotNull().isEqualTo(panelOf("ledger_relay_dirty"));
        // the relay's share of ledger.events per instance beside the total, its lag, its hand-overs
        assertThat(panelOf("sum by (instance) (ledger_relay_partitions{"))
                .isNotNull()
                .isEqualTo(panelOf("sum(ledger_relay_partitions{"));
        assertThat(panelOf("ledger_relay_lag_seconds{", "quantile=\"0.99\""))
                .isNotNull()
                .isEqualTo(panelOf("ledger_relay_lag_seconds{", "quantile=\"0.5\""));
        assertThat(panelOf("sum by (kind) (increase(ledger_relay_handovers_total{"))
                .isNotNull();
        assertThat(panelOf("budgetledger_divergences_total{", "ledger-service|projection-service"))
                .isNotNull();
        assertThat(panelOf("rate(projection_events_applied_total")).isNotNull();
        assertThat(panelOf("projection_lag_seconds{", "quantile=\"0.99\"")).isNotNull();
        assertThat(panelOf("projection_rebuild_events_done", "/", "projection_rebuild_events_total"))
                .isNotNull();
        assertThat(panelOf("projection_rebuild_running")).isNotNull();
        assertThat(panelOf("jvm_memory_used_bytes", "by (application)")).isNotNull();
    }

    @Test
    void divergencesShowRedAboveZero() {
        JsonNode stat = null;
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("stat")
                    && panel.path("targets").toString().contains("budgetledger_divergences_total")) {
                stat = panel;
            }
        }
        assertThat(stat).as("a stat panel of budgetledger_divergences_total").isNotNull();
        JsonNode steps = stat.at("/fieldConfig/defaults/thresholds/steps");
        assertThat(steps.get(0).get("color").asText()).isEqualTo("green");
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(last.get("color").asText()).isEqualTo("red");
        assertThat(last.get("value").asDouble()).isPositive().isLessThanOrEqualTo(1);
        // both services; 0 rather than "No data" while none has found one (its counter appears with the first)
        String expr = stat.at("/targets/0/expr").asText();
        assertThat(expr).contains("ledger-service|projection-service").endsWith(" or vector(0)");
    }

    /** Title of the panel with a query containing every fragment, or null. */
    static String panelOf(String... fragments) {
        return exprs.entrySet().stream()
                .filter(e -> List.of(fragments).stream().allMatch(e.getKey()::contains))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
