package org.budgetledger.kit.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the issued keys every {@code every}, on a thread of its own (behind other scheduled jobs a late reading would
 * refuse every issued key), and hands each reading to {@link ApiKeys}, trusted for {@code trusted}. A failed reading
 * leaves the last one to expire, so that a service that cannot read the list refuses issued keys rather than keep a
 * revoked one; the failure is logged once, and its end.
 */
public final class IssuedKeyReading implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IssuedKeyReading.class);

    private final String from;
    private final Supplier<List<ApiKeys.IssuedKey>> source;
    private final ApiKeys keys;
    private final Duration every;
    private final Duration trusted;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "issued-keys");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    /** {@code from} names the source for the log ("the store", "the ledger service"). */
    public IssuedKeyReading(
            String from, Supplier<List<ApiKeys.IssuedKey>> source, ApiKeys keys, Duration every, Duration trusted) {
        this.from = from;
        this.source = source;
        this.keys = keys;
        this.every = every;
        this.trusted = trusted;
    }

    /** Reads now, then every {@code every}. */
    public void start() {
        timer.scheduleWithFixedDelay(this::readNow, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the list now (after a key was issued or revoked here). */
    public void readNow() {
        Instant asked = clock.instant();
        try {
            List<ApiKeys.IssuedKey> issued = source.get();
            keys.issued(issued, asked.plus(trusted));
            if (failing) {
                log.info("issued keys read again from {}: {} active", from, issued.size());
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn(
                        "issued keys not read from {}: refused from {} after the last reading until it answers ({})",
                        from,
                        trusted,
                        e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
