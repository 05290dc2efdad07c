package org.budgetledger.ledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class JitteredRetrySchedulerTest {

    @Test
    void aLostRaceIsRetriedAStoreThatIsAwayIsNot() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            JitteredRetryScheduler scheduler = JitteredRetryScheduler.builder()
                    .retryExecutor(executor)
                    .addNonTransientFailurePredicate(JitteredRetryScheduler::storeAway)
                    .maxRetryCount(16)
                    .build();
            assertThat(retried(scheduler, new ConcurrencyException("another writer was first")))
                    .isTrue();
            assertThat(retried(
                            scheduler,
                            new IllegalStateException(
                                    "loading the ledger",
                                    new MongoSocketReadException(
                                            "Prematurely reached end of stream", new ServerAddress()))))
                    .isFalse();
            assertThat(retried(scheduler, new MongoTimeoutException("no server within 10 s")))
                    .isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    private static boolean retried(JitteredRetryScheduler scheduler, RuntimeException failure) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(new Class[] {failure.getClass()});
        return scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("command"), failure, failures, () -> {});
    }
}
