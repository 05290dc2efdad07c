package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * Sends a unit's REST postings to the ledger-service instance that publishes the unit's partition of ledger.events,
 * as a router in front of several instances would: each instance tells its share at {@code GET /actuator/info}, and a
 * unit's partition is where Kafka's own partitioner puts a record keyed by the unit code. The instance that writes a
 * ledger then publishes it from memory, and no other instance catches the ledger up from the store. With one
 * instance, or shares not told, requests go to the instances in turn.
 */
final class ShareRouter {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final Http http;
    private final String key;
    private final Supplier<List<String>> urls;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile Map<Integer, String> byPartition = Map.of();
    private volatile int partitionCount;
    private volatile long refreshedAt;

    ShareRouter(Http http, String key, Supplier<List<String>> urls) {
        this.http = http;
        this.key = key;
        this.urls = urls;
    }

    /** The instance that publishes this unit's partition (any, in turn, if none is known to). */
    String urlFor(String unit) {
        refreshIfDue();
        int count = partitionCount;
        String url = count == 0
                ? null
                : byPartition.get(BuiltInPartitioner.partitionForKey(unit.getBytes(StandardCharsets.UTF_8), count));
        return url != null ? url : inTurn();
    }

    /** The next instance in turn, and the units of {@code units} it publishes (all of them if shares are unknown). */
    Route batchRoute(List<String> units) {
        refreshIfDue();
        String url = inTurn();
        if (byPartition.isEmpty()) {
            return new Route(url, units);
        }
        List<String> own = units.stream().filter(u -> url.equals(urlFor(u))).toList();
        if (!own.isEmpty()) {
            return new Route(url, own);
        }
        String first =
                urlFor(units.get(0)); // the instance in turn publishes none of these units (the as-of ledger alone)
        return new Route(
                first, units.stream().filter(u -> first.equals(urlFor(u))).toList());
    }

    record Route(String url, List<String> units) {}

    private String inTurn() {
        List<String> all = urls.get();
        return all.get(Math.floorMod(turn.getAndIncrement(), all.size()));
    }

    private void refreshIfDue() {
        if (System.nanoTime() - refreshedAt < REFRESH.toNanos()) {
            return;
        }
        refreshedAt = System.nanoTime();
        Map<Integer, String> found = new HashMap<>();
        int count = 0;
        for (String url : urls.get()) {
            try {
                JsonNode relay = http.getJson(url + "/actuator/info", key, Duration.ofSeconds(5))
                        .path("relay");
                relay.path("partitions").forEach(p -> found.put(p.asInt(), url));
                count = Math.max(count, relay.path("partitionCount").asInt());
            } catch (RuntimeException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return; // keep the shares known before, if any
            }
        }
        byPartition = Map.copyOf(found);
        partitionCount = count;
    }
}
