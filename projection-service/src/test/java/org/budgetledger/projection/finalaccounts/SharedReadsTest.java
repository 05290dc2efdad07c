package org.budgetledger.projection.finalaccounts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedReadsTest {

    private final SharedReads<String, Integer> reads = new SharedReads<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(4);
    private final AtomicInteger started = new AtomicInteger();

    @Test
    void readersArrivingDuringARead_shareTheNextOne_neverTheOneInFlight() throws Exception {
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        Supplier<Integer> store = () -> {
            int n = started.incrementAndGet(); // the store's state as this read sees it
            if (n == 1) {
                await(firstMayFinish);
            }
            return n;
        };
        FutureTask<Integer> first = reader(store);
        awaitStarted(1);
        FutureTask<Integer> second = reader(store);
        FutureTask<Integer> third = reader(store);
        awaitWaiting(); // both behind the first read

        firstMayFinish.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(5, TimeUnit.SECONDS)).as("a read that began after it asked").isEqualTo(2);
        assertThat(third.get(5, TimeUnit.SECONDS)).as("the same read as the second").isEqualTo(2);
        assertThat(started).hasValue(2);
    }

    @Test
    void aLoneReaderReadsAtOnce_andOtherKeysDoNotWait() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        readers.submit(() -> reads.read("SLOW", () -> {
            started.incrementAndGet();
            await(never);
            return 0;
        }));
        awaitStarted(1);

        assertThat(CompletableFuture.supplyAsync(() -> reads.read("K", () -> 7), readers).get(5, TimeUnit.SECONDS)).isEqualTo(7);
        assertThat(reads.read("K", () -> 8)).isEqualTo(8);
        never.countDown();
    }

    @Test
    void aFailedReadFailsOnlyItsReaders() {
        assertThatThrownBy(() -> reads.read("K", () -> {
            throw new IllegalStateException("store down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("store down");

        assertThat(reads.read("K", () -> 3)).isEqualTo(3);
    }

    private final List<Thread> threads = new ArrayList<>();

    private FutureTask<Integer> reader(Supplier<Integer> store) {
        FutureTask<Integer> task = new FutureTask<>(() -> reads.read("K", store));
        Thread t = new Thread(task, "reader-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return task;
    }

    /** Every reader but the first parked (waiting for the read ahead of it). */
    private void awaitWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (threads.stream().skip(1).anyMatch(t -> t.getState() != Thread.State.WAITING) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(threads.stream().skip(1)).allMatch(t -> t.getState() == Thread.State.WAITING);
    }

    private void awaitStarted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (started.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(started).hasValue(n);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
