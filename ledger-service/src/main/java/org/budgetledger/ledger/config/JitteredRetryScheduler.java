package org.budgetledger.ledger.config;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.AbstractRetryScheduler;
import org.budgetledger.kit.Causes;

/**
 * Retries a command that lost a race on a ledger, after a random wait that doubles with each failure ("full
 * jitter"): writers that collided once do not collide again in lockstep. The retry reloads the ledger and decides
 * on the state the other writer left.
 */
final class JitteredRetryScheduler extends AbstractRetryScheduler {

    private final long baseMillis;
    private final long capMillis;

    private JitteredRetryScheduler(Builder builder) {
        super(builder);
        this.baseMillis = builder.baseMillis;
        this.capMillis = builder.capMillis;
    }

    /**
     * A store that did not answer within its timeout, or whose connection broke, is away: the caller hears so now
     * (503, send again) rather than after retries that each wait for the store again. A retry that met it once more
     * would also read the snapshot (Axon only logs a snapshot it cannot read, and reads the whole stream instead),
     * three store timeouts in all: 30 s before the answer, measured by the fault harness.
     */
    static boolean storeAway(Throwable failure) {
        return Causes.any(failure, MongoTimeoutException.class, MongoSocketException.class);
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    protected long computeRetryInterval(
            CommandMessage commandMessage, RuntimeException lastFailure, List<Class<? extends Throwable>[]> failures) {
        long ceiling = Math.min(capMillis, baseMillis << Math.min(20, failures.size()));
        return 1 + ThreadLocalRandom.current().nextLong(ceiling);
    }

    static final class Builder extends AbstractRetryScheduler.Builder<Builder> {
        private long baseMillis = 5;
        private long capMillis = 1_000;

        Builder base(long millis) {
            this.baseMillis = millis;
            return this;
        }

        Builder cap(long millis) {
            this.capMillis = millis;
            return this;
        }

        JitteredRetryScheduler build() {
            validate();
            return new JitteredRetryScheduler(this);
        }
    }
}
