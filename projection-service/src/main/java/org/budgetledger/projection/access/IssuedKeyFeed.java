package org.budgetledger.projection.access;

import java.time.Duration;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.IssuedKeyReading;
import org.budgetledger.kit.security.SecurityProperties;
import org.budgetledger.projection.apply.LedgerSource;
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

    private final IssuedKeyReading reading;
    private final boolean enabled;

    public IssuedKeyFeed(LedgerSource ledger, ApiKeys keys, SecurityProperties security) {
        this.reading = new IssuedKeyReading("the ledger service", ledger::issuedKeys, keys, EVERY, TRUSTED);
        this.enabled = security.enabled();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (enabled) {
            reading.start();
        }
    }

    @Override
    public void destroy() {
        reading.close();
    }
}
