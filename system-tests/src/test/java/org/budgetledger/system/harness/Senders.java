package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one phase: REST requests from several client threads (batches and single posts), Kafka records from one
 * producer keeping pace with the REST clients. A REST request that fails with a connection error or a 5xx is sent
 * again, as an upstream system would (the idempotency key makes that safe); every attempt is recorded with its time.
 */
final class Senders {

    private final Http http;
    private final List<String> ledgerUrls;
    private final String posterKey;
    private final int threads;
    private final KafkaProducer<String, String> producer;
    /** items answered (REST) or acknowledged (Kafka), over the whole run: what fault moments are drawn against */
    final AtomicLong progress = new AtomicLong();

    final AtomicInteger restRetries = new AtomicInteger();
    final AtomicInteger kafkaResends = new AtomicInteger();
    private volatile Throwable failure;
    /** How many items may have been dispatched by now (the faults hold sending back until each has been injected). */
    volatile java.util.function.LongSupplier gate = () -> Long.MAX_VALUE;
    /** pacing: request k of the run may start once (items before it) x this many nanoseconds have passed */
    private final double nanosPerItem;

    private final java.util.concurrent.atomic.AtomicLong dispatched = new java.util.concurrent.atomic.AtomicLong();
    private volatile long pacingStart;

    /** @param ledgerUrls every ledger-service instance: each request goes to one, and is sent again to the next on failure */
    Senders(
            Http http,
            List<String> ledgerUrls,
            String posterKey,
            Properties kafkaPoster,
            int threads,
            Duration sendAtLeast,
            long totalItems) {
        this.http = http;
        this.nanosPerItem = totalItems == 0 ? 0 : (double) sendAtLeast.toNanos() / totalItems;
        this.ledgerUrls = List.copyOf(ledgerUrls);
        this.posterKey = posterKey;
        this.threads = threads;
        Properties p = new Properties();
        p.putAll(kafkaPoster);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fault-harness");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Stops sending: no new request, and no retry of one under way (the run failed elsewhere). */
    void abort(Throwable cause) {
        failure = cause;
    }

    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Sends every item of the phase and returns when each has its final answer (REST) or acknowledgement (Kafka). */
    void send(Plan.Phase phase, String topic) throws Exception {
        if (pacingStart == 0) {
            pacingStart = System.nanoTime();
        }
        ConcurrentLinkedQueue<List<Item>> queue = new ConcurrentLinkedQueue<>(phase.rest);
        int restTotal = phase.restItems();
        AtomicLong restDone = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        try {
                            List<Item> request;
                            while ((request = queue.poll()) != null && failure == null) {
                                pace(request.size()
                                        + (long) Math.floor(
                                                request.size() * phase.kafka.size() / (double) Math.max(1, restTotal)));
                                post(request);
                                restDone.addAndGet(request.size());
                                progress.addAndGet(request.size());
                            }
                        } catch (Throwable e) {
                            failure = e;
                        } finally {
                            done.countDown();
                        }
                    },
                    "rest-" + phase.name + "-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        // Kafka keeps pace with REST: record k goes out once the REST clients are k/n of the way through
        List<Item> kafka = phase.kafka;
        int next = 0;
        while (next < kafka.size()) {
            if (failure != null) {
                break;
            }
            double restShare = restTotal == 0 ? 1.0 : (double) restDone.get() / restTotal;
            int allowed = done.getCount() == 0
                    ? kafka.size()
                    : Math.min(kafka.size(), (int) Math.ceil(restShare * kafka.size()) + 20);
            while (next < allowed) {
                produce(topic, kafka.get(next++));
            }
            Thread.sleep(20);
        }
        producer.flush();
        // a record the producer gave up on is sent again (the ledger records it once whatever the redelivery)
        for (int round = 0; round < 20; round++) {
            List<Item> failed = new ArrayList<>();
            for (Item item : kafka) {
                if (item.offset < 0) {
                    failed.add(item);
                }
            }
            if (failed.isEmpty()) {
                break;
            }
            Thread.sleep(2_000);
            for (Item item : failed) {
                item.kafkaFailure = null;
                kafkaResends.incrementAndGet();
                produce(topic, item);
            }
            producer.flush();
        }
        done.await();
        if (failure != null) {
            throw new IllegalStateException("a REST client failed", failure);
        }
    }

    /** Waits until the run's pace allows this many more items out (the Kafka share rides along with REST). */
    private void pace(long items) throws InterruptedException {
        while (dispatched.get() + items > gate.getAsLong() && failure == null) {
            Thread.sleep(50);
        }
        if (nanosPerItem <= 0) {
            dispatched.addAndGet(items);
            return;
        }
        long before = dispatched.getAndAdd(items);
        long due = pacingStart + (long) (before * nanosPerItem);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void produce(String topic, Item item) {
        producer.send(new ProducerRecord<>(topic, item.key, item.payload), (metadata, e) -> {
            if (e != null) {
                item.kafkaFailure = e.toString();
                return;
            }
            boolean first = item.offset < 0;
            item.partition = metadata.partition();
            item.offset = metadata.offset();
            if (first) {
                progress.incrementAndGet();
            }
        });
    }

    private void post(List<Item> request) throws InterruptedException {
        boolean batch = request.size() > 1 || request.get(0).channel == Item.Channel.REST_BATCH;
        String body;
        if (batch) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < request.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(request.get(i).payload);
            }
            body = sb.append(']').toString();
        } else {
            body = request.get(0).payload;
        }
        String path = batch ? "/api/v1/postings/batch" : "/api/v1/postings";
        int instance = java.util.concurrent.ThreadLocalRandom.current().nextInt(ledgerUrls.size());
        long pause = 200;
        int unauthorized = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            long start = System.currentTimeMillis();
            Http.Answer answer = null;
            String problem = null;
            try {
                answer = http.send(
                        "POST",
                        ledgerUrls.get(instance % ledgerUrls.size()) + path,
                        posterKey,
                        body,
                        Duration.ofSeconds(120));
            } catch (IOException e) {
                problem = e.toString();
            }
            long end = System.currentTimeMillis();
            Item.Attempt attempt = new Item.Attempt(start, end, answer == null ? -1 : answer.status(), problem);
            for (Item item : request) {
                item.attempts.add(attempt);
            }
            // 401 to a request carrying the right key is a server error in disguise (an exception in the service turned
            // into 401 by the security filter chain, seen while the store was away): retried like a 5xx, and reported
            if (answer != null && answer.status() < 500 && (answer.status() != 401 || ++unauthorized > 200)) {
                record(request, batch, answer, end);
                return;
            }
            if (System.nanoTime() > deadline || failure != null) {
                for (Item item : request) {
                    item.restStatus = answer == null ? -1 : answer.status();
                    item.restError = "gave up: " + (problem != null ? problem : answer.body());
                    item.answeredAt = end;
                }
                return;
            }
            restRetries.incrementAndGet();
            instance++; // as a load balancer would: the next instance
            Thread.sleep(pause);
            pause = Math.min(2_000, pause * 2);
        }
    }

    private static void record(List<Item> request, boolean batch, Http.Answer answer, long at) {
        JsonNode json = null;
        try {
            json = Http.JSON.readTree(answer.body());
        } catch (IOException | RuntimeException notJson) {
            // recorded as it came
        }
        if (batch
                && answer.status() == 200
                && json != null
                && json.path("results").isArray()
                && json.get("results").size() == request.size()) {
            for (int i = 0; i < request.size(); i++) {
                JsonNode r = json.get("results").get(i);
                Item item = request.get(i);
                item.restStatus = r.path("httpStatus").asInt(-1);
                item.restError = r.hasNonNull("error")
                        ? r.get("error").asText()
                        : r.path("status").asText(null);
                item.answeredAt = at;
            }
            return;
        }
        for (Item item : request) {
            item.restStatus = answer.status();
            item.restError = json != null && json.hasNonNull("error")
                    ? json.get("error").asText()
                    : json != null ? json.path("status").asText(answer.body()) : answer.body();
            item.answeredAt = at;
        }
    }
}
