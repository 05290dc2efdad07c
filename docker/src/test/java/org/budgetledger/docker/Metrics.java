package org.budgetledger.docker;

import java.util.Set;
import java.util.TreeSet;

/** The metric names the services expose on /actuator/prometheus that dashboards and alerts may use (Micrometer naming). */
final class Metrics {

    /** Meters of ledger-service and projection-service, with the series Prometheus derives from them. */
    static final Set<String> SERVICES = Set.of(
            // ledger-service: postings by channel, outcome, reason
            "ledger_postings_total",
            // ... Kafka expenditures held until their funds arrive (a gauge)
            "ledger_postings_held",
            // Spring MVC's request timer (buckets only with percentiles-histogram on)
            "http_server_requests_seconds_bucket",
            "http_server_requests_seconds_sum",
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_max",
            // Kafka consumer clients of both services
            "kafka_consumer_fetch_manager_records_lag_max",
            // the relay
            "ledger_relay_published_total",
            "ledger_relay_queue",
            "ledger_relay_dirty",
            "ledger_relay_batch_seconds_count",
            "ledger_relay_batch_seconds_sum",
            "ledger_relay_batch_seconds_max",
            // ... its share of ledger.events (a gauge), recording -> Kafka commit (a timer with percentiles 0.5, 0.99),
            // partitions gained, revoked, lost, fenced on
            "ledger_relay_partitions",
            "ledger_relay_lag_seconds",
            "ledger_relay_lag_seconds_count",
            "ledger_relay_lag_seconds_sum",
            "ledger_relay_lag_seconds_max",
            "ledger_relay_handovers_total",
            // both services: the issued API keys as last read, and how long ago (beyond 8 s all are refused)
            "budgetledger_issued_keys",
            "budgetledger_issued_keys_age_seconds",
            // both services: a copy of a ledger's history (kind "ledger cache", "projection") differed from the event
            // store
            "budgetledger_divergences_total",
            // projection-service
            "projection_events_applied_total",
            "projection_lag_seconds",
            "projection_lag_seconds_max",
            "projection_lag_seconds_sum",
            "projection_lag_seconds_count",
            "projection_rebuild_events_done",
            "projection_rebuild_events_total",
            "projection_rebuild_running",
            // ... records of ledger.events not applied (reason "unreadable", "hash.mismatch", …)
            "projection_events_quarantined_total",
            // JVM
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            "jvm_memory_committed_bytes");

    /** What alert rules may use: the services' meters and Prometheus's own target health. */
    static final Set<String> ALERTABLE;

    static {
        Set<String> alertable = new TreeSet<>(SERVICES);
        alertable.add("up");
        ALERTABLE = Set.copyOf(alertable);
    }

    private Metrics() {}
}
