package org.budgetledger.kit.health;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Where a copy of a ledger's history (a cached ledger, the relay's cursor, the projection's figures) was found to
 * differ from the ledger's event store, which is the authority. Each one is logged as an error, counted
 * ({@code budgetledger.divergences{kind}}) and shown by the health endpoint as {@link #DIVERGED} (HTTP 200: the copy
 * was repaired from the store, and the service serves), with the last ones in its details, until the process
 * restarts. A divergence means that the store lost or changed events: restored from an older backup, edited, or a
 * store that lost what it had acknowledged (or, rarely, an event being written when the store died, which a reader
 * had already seen). An operator must look.
 */
public class Divergences implements HealthIndicator {

    /** The health status of a service that found and repaired a divergence since it started. */
    public static final Status DIVERGED = new Status(
            "DIVERGED",
            "a copy differed from the ledger's history and was repaired from the store: see the details and the log");

    /** One divergence: which ledger, what kind of copy, at which sequence, what the copy had and what the store has. */
    public record Divergence(
            String ledger, String kind, long sequence, String copy, String store, String repair, Instant at) {}

    private static final Logger log = LoggerFactory.getLogger(Divergences.class);
    private static final int KEPT = 20;

    private final MeterRegistry meters;
    private final Clock clock;
    private final Deque<Divergence> recent = new ArrayDeque<>();
    private long count;

    public Divergences(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** A kind of divergence this service may find: its count shows (at 0) before the first one, for rates and alerts. */
    public void expect(String kind) {
        meters.counter("budgetledger.divergences", "kind", kind);
    }

    /** Says so, loudly: an error in the log, a count, the health. The caller repairs. */
    public synchronized Divergence report(
            String ledger, String kind, long sequence, String copy, String store, String repair) {
        Divergence d = new Divergence(ledger, kind, sequence, copy, store, repair, clock.instant());
        log.error(
                "DIVERGENCE of {} ({}): at sequence {} the copy has {} but the ledger's event store has {}; {}",
                ledger,
                kind,
                sequence,
                copy,
                store,
                repair);
        meters.counter("budgetledger.divergences", "kind", kind).increment();
        count++;
        recent.addFirst(d);
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
        return d;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized List<Divergence> recent() {
        return List.copyOf(recent);
    }

    @Override
    public synchronized Health health() {
        if (count == 0) {
            return Health.up().withDetail("divergences", 0).build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("divergences", count);
        details.put("recent", List.copyOf(recent));
        return Health.status(DIVERGED).withDetails(details).build();
    }
}
