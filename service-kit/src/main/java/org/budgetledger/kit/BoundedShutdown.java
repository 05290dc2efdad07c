package org.budgetledger.kit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A stop that a supervisor can rely on: once the service is asked to stop (SIGTERM), it is gone within
 * {@code budgetledger.shutdown.max} (7 s), whatever it waits for. Without a broker or a store, closing a Kafka client
 * or finishing a request could otherwise wait for their own timeouts, one after the other (27 s were seen). Halting
 * then loses nothing: every acknowledged posting is in the store, and what was not acknowledged is sent again by its
 * sender, or redelivered by Kafka from the last committed offset.
 */
public final class BoundedShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(BoundedShutdown.class);

    private final Duration max;

    public BoundedShutdown(Duration max) {
        this.max = max;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext().getParent() != null || !jvmShuttingDown()) {
            return; // a child context, or a context closed while the JVM lives on (tests): not the service stopping
        }
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(max.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    log.warn("stopping took longer than {}: halting now (nothing acknowledged is lost)", max);
                    Runtime.getRuntime().halt(0);
                },
                "bounded-shutdown");
        watchdog.setDaemon(true); // a stop that finishes in time ends the JVM with it
        watchdog.start();
    }

    /** The JVM refuses new shutdown hooks once it is shutting down: the one way to ask. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }
}
