package org.budgetledger.ledger.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.AbstractRetryScheduler;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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

    static Builder builder() {
        return new Builder();
    }

    @Override
    protected long computeRetryInterval(CommandMessage commandMessage, RuntimeException lastFailure,
                                        List<Class<? extends Throwable>[]> failures) {
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
