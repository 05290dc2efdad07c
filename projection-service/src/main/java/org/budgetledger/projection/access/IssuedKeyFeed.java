package org.budgetledger.projection.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.SecurityProperties;
import org.budgetledger.projection.apply.LedgerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The keys issued through the ledger service ({@code /api/v1/admin/keys}), read from it every {@link #EVERY} and handed
 * to the key check, each reading trusted for {@link #TRUSTED}: a revoked key is refused here within 10 s, and when the
 * ledger cannot be read, issued keys stop being accepted (the configured ones still are) rather than outlive a
 * revocation this service has not heard of.
 */
@Component
public class IssuedKeyFeed implements SmartInitializingSingleton, DisposableBean {

    static final Duration EVERY = Duration.ofSeconds(3);
    static final Duration TRUSTED = Duration.ofSeconds(7);
    private static final Logger log = LoggerFactory.getLogger(IssuedKeyFeed.class);

    private final LedgerSource ledger;
    private final ApiKeys keys;
    private final Clock clock;
    private final boolean enabled;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "issued-keys");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    public IssuedKeyFeed(LedgerSource ledger, ApiKeys keys, SecurityProperties security) {
        this.ledger = ledger;
        this.keys = keys;
        this.clock = Clock.systemUTC();
        this.enabled = security.enabled();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (enabled) {
            timer.scheduleWithFixedDelay(this::read, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void read() {
        Instant asked = clock.instant();
        try {
            List<ApiKeys.IssuedKey> issued = ledger.issuedKeys();
            keys.issued(issued, asked.plus(TRUSTED));
            if (failing) {
                log.info("issued keys read again from the ledger service: {} active", issued.size());
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn(
                        "issued keys not read from the ledger service: they are refused here from {} after the last"
                                + " reading until it answers again ({})",
                        TRUSTED,
                        e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
