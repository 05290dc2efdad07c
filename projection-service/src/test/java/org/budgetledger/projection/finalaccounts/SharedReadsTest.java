package org.budgetledger.projection.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SharedReadsTest {

    private final SharedReads<String, String, Integer> reads = new SharedReads<>();
    private final List<Set<String>> asked = new CopyOnWriteArrayList<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(4);
    private final AtomicInteger started = new AtomicInteger();

    @Test
    void readersArrivingDuringARead_shareTheNextOne_neverTheOneInFlight() throws Exception {
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        Function<Set<String>, Map<String, Integer>> store = keys -> {
            int n = started.incrementAndGet(); // the store's state as this read sees it
            asked.add(keys);
            if (n == 1) {
                await(firstMayFinish);
            }
            Map<String, Integer> values = new HashMap<>();
            keys.forEach(k -> values.put(k, n));
            return values;
        };
        FutureTask<Map<String, Integer>> first = reader(List.of("A"), store);
        awaitStarted(1);
        FutureTask<Map<String, Integer>> second = reader(List.of("A", "B"), store);
        FutureTask<Map<String, Integer>> third = reader(List.of("C"), store);
        awaitWaiting(); // both behind the first read

        firstMayFinish.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).containsEntry("A", 1);
        assertThat(second.get(5, TimeUnit.SECONDS))
                .as("a read that began after it asked")
                .containsEntry("A", 2)
                .containsEntry("B", 2);
        assertThat(third.get(5, TimeUnit.SECONDS))
                .as("the same read as the second")
                .containsEntry("C", 2);
        assertThat(started).hasValue(2);
        assertThat(asked).containsExactly(Set.of("A"), Set.of("A", "B", "C"));
    }

    @Test
    void aLoneReaderReadsAtOnce_andOtherKeysDoNotWait() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        readers.submit(() -> reads.read("SLOW", List.of("A"), keys -> {
            started.incrementAndGet();
            await(never);
            return Map.of();
        }));
        awaitStarted(1);

        assertThat(CompletableFuture.supplyAsync(() -> reads.read("K", List.of("A"), keys -> Map.of("A", 7)), readers)
                        .get(5, TimeUnit.SECONDS))
                .containsEntry("A", 7);
        assertThat(reads.read("K", List.of("A"), keys -> Map.of("A", 8))).containsEntry("A", 8);
        never.countDown();
    }

    @Test
    void aFailedReadFailsOnlyItsReaders() {
        assertThatThrownBy(() -> reads.read("K", List.of("A"), keys -> {
                    throw new IllegalStateException("store down");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("store down");

        assertThat(reads.read("K", List.of("A"), keys -> Map.of("A", 3))).containsEntry("A", 3);
    }

    private final List<Thread> threads = new ArrayList<>();

    private FutureTask<Map<String, Integer>> reader(
            List<String> keys, Function<Set<String>, Map<String, Integer>> store) {
        FutureTask<Map<String, Integer>> task = new FutureTask<>(() -> reads.read("K", keys, store));
        Thread t = new Thread(task, "reader-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return task;
    }

    /** Every reader but the first parked (waiting for the read ahead of it). */
    private void awaitWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (threads.stream().skip(1).anyMatch(t -> t.getState() != Thread.State.WAITING)
                && System.nanoTime() < deadline) {
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
