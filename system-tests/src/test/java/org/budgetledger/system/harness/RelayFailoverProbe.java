package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Measures how fast publishing resumes when a ledger-service instance dies: starts the stack with N ledger-service
 * instances (bin/ledger-local), one ledger per partition of ledger.events, then again and again SIGKILLs one instance
 * (each in turn), at once posts one posting to every ledger through a surviving instance, and measures from the kill
 * until each posting's event is committed on ledger.events (read as the projection reads it: committed records
 * only). The slowest ledger of a kill is the one whose partition the dead instance published: that is the failover
 * time. The dead instance is started again and the group settles before the next kill. Prints each kill, the shares
 * of the instances, and p50/p99/max. For docs/RELIABILITY.md; not part of the test suite.
 *
 * <pre>java ... RelayFailoverProbe [--instances 2] [--kills 10] [--workDir target/failover]</pre>
 */
public final class RelayFailoverProbe {

    private static final String EVENTS = "ledger.events";
    private static final int PARTITIONS = 6; // LEDGER_TOPIC_PARTITIONS's default
    private static final int YEAR = 2019;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Pattern SHARE = Pattern.compile("(?m)^ledger_relay_partitions\\{[^}]*} ([0-9.]+)$");

    private final Http http = new Http();
    private final Map<String, Long> seen = new ConcurrentHashMap<>(); // "stream/sequence" -> nanoTime first seen
    private LocalStack stack;
    private Map<String, String> keys;
    private volatile boolean reading = true;

    public static void main(String[] args) throws Exception {
        FaultHarness.quietLogging();
        int instances = 2;
        int kills = 10;
        String workDir = "target/failover";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--instances" -> instances = Integer.parseInt(args[i + 1]);
                case "--kills" -> kills = Integer.parseInt(args[i + 1]);
                case "--workDir" -> workDir = args[i + 1];
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        new RelayFailoverProbe().run(instances, kills, workDir);
    }

    private void run(int instances, int kills, String workDir) throws Exception {
        if (instances < 2) {
            throw new IllegalArgumentException("--instances: at least 2, so that one survives the kill");
        }
        Path repo = FaultHarness.findRepo();
        Path home = repo.resolve("system-tests")
                .resolve(workDir)
                .resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                        + instances);
        stack = new LocalStack(repo, home, "h2", instances, 1);
        Thread reader = null;
        try {
            stack.start();
            keys = stack.credentials();
            Map<Integer, String> ledgers = oneUnitPerPartition();
            for (String unit : ledgers.values()) {
                register(unit);
            }
            reader = new Thread(this::readEvents, "events-reader");
            reader.setDaemon(true);
            reader.start();
            settle(instances);
            say("steady state, no kill: " + describe(postEverywhere(ledgers, 0, System.nanoTime())));
            List<Double> failovers = new ArrayList<>();
            for (int k = 0; k < kills; k++) {
                String victim = stack.ledgers.get(k % instances);
                Map<String, String> shares = shares();
                long t0 = System.nanoTime();
                stack.kill(victim);
                Map<String, Double> seconds = postEverywhere(ledgers, k, t0, victim);
                double failover = Collections.max(seconds.values());
                failovers.add(failover);
                say(String.format(
                        "kill %2d: SIGKILL %s (shares before: %s): publishing of every partition again after %.2f s (%s)",
                        k + 1, victim, shares, failover, describe(seconds)));
                stack.start();
                settle(instances);
            }
            Collections.sort(failovers);
            say(String.format(
                    "%d instances, %d kills: failover p50 %.2f s, p99 %.2f s, max %.2f s; shares now %s",
                    instances,
                    kills,
                    percentile(failovers, 0.50),
                    percentile(failovers, 0.99),
                    failovers.get(failovers.size() - 1),
                    shares()));
        } finally {
            reading = false;
            if (reader != null) {
                reader.join(5_000);
            }
            stack.stop();
        }
    }

    /** Unit codes whose ledgers fall in each partition of ledger.events: where Kafka's key hash places the unit code. */
    private static Map<Integer, String> oneUnitPerPartition() {
        Map<Integer, String> units = new LinkedHashMap<>();
        for (int i = 0; units.size() < PARTITIONS && i < 10_000; i++) {
            String unit = "FO-" + i;
            int partition = Utils.toPositive(Utils.murmur2(unit.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            units.putIfAbsent(partition, unit);
        }
        return units;
    }

    private void register(String unit) throws Exception {
        ObjectNode profile = Http.JSON
                .createObjectNode()
                .put("name", "切换演练单位 " + unit)
                .put("kind", "ADMINISTRATIVE")
                .put("region", "湖南省株洲市荷塘区");
        check(
                http.patiently(
                        "PUT",
                        stack.ledgerUrl() + "/api/v1/units/" + unit + "/years/" + YEAR,
                        keys.get("LEDGER_ADMIN_KEY"),
                        profile.toString(),
                        PATIENCE),
                201);
        check(
                http.patiently(
                        "POST",
                        stack.ledgerUrl() + "/api/v1/postings",
                        keys.get("LEDGER_POSTER_KEY"),
                        posting(unit, "APPROPRIATION", "1000000.00"),
                        PATIENCE),
                201);
    }

    private static void check(Http.Answer a, int... statuses) {
        for (int s : statuses) {
            if (a.status() == s) {
                return;
            }
        }
        throw new IllegalStateException("HTTP " + a.status() + " " + a.body());
    }

    /**
     * Posts one expenditure to every ledger through the instance {@code via} (one that lives), and returns per ledger the
     * seconds from {@code t0} until its event was committed on ledger.events. {@code dead}: the instance not to use.
     */
    private Map<String, Double> postEverywhere(Map<Integer, String> ledgers, int via, long t0, String... dead)
            throws Exception {
        List<String> alive = new ArrayList<>();
        for (int i = 0; i < stack.ledgers.size(); i++) {
            if (!List.of(dead).contains(stack.ledgers.get(i))) {
                alive.add(stack.ledgerUrls().get(i));
            }
        }
        String url = alive.get(Math.floorMod(via, alive.size()));
        Map<String, Long> sequences = new LinkedHashMap<>();
        for (String unit : ledgers.values()) {
            Http.Answer a = http.patiently(
                    "POST",
                    url + "/api/v1/postings",
                    keys.get("LEDGER_POSTER_KEY"),
                    posting(unit, "EXPENDITURE", "1.00"),
                    PATIENCE);
            check(a, 201);
            sequences.put(unit + ":" + YEAR, a.json().path("sequence").asLong());
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long end = System.nanoTime() + PATIENCE.toNanos();
        for (Map.Entry<String, Long> e : sequences.entrySet()) {
            Long at;
            while ((at = seen.get(e.getKey() + "/" + e.getValue())) == null) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException(
                            e.getKey() + "/" + e.getValue() + " not published within " + PATIENCE);
                }
                Thread.sleep(5);
            }
            seconds.put(e.getKey(), (at - t0) / 1e9);
        }
        return seconds;
    }

    private static String posting(String unit, String type, String amount) {
        ObjectNode p = Http.JSON
                .createObjectNode()
                .put("postingId", unit + "-" + System.nanoTime())
                .put("sourceSystem", "treasury-payments")
                .put("unitCode", unit)
                .put("fiscalYear", YEAR)
                .put("type", type)
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", "2013701")
                .put("amount", amount)
                .put("occurredOn", "2019-06-01");
        if (type.equals("EXPENDITURE")) {
            p.put("economicCode", "30201").put("expenditureKind", "BASIC");
        }
        return p.toString();
    }

    /** Waits until every instance publishes a share and the shares add up to the topic's partitions. */
    private void settle(int instances) throws Exception {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < end) {
            Map<String, String> shares = shares();
            int sum = shares.values().stream()
                    .mapToInt(v -> v.matches("\\d+") ? Integer.parseInt(v) : 0)
                    .sum();
            if (sum == PARTITIONS
                    && shares.values().stream().allMatch(v -> v.matches("[1-9]\\d*"))
                    && shares.size() == instances) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the relay group did not settle: " + shares());
    }

    /** Each instance's share (partitions it publishes), from its metrics. */
    private Map<String, String> shares() {
        Map<String, String> shares = new LinkedHashMap<>();
        for (int i = 0; i < stack.ledgers.size(); i++) {
            try {
                Http.Answer a = http.send(
                        "GET",
                        stack.ledgerUrls().get(i) + "/actuator/prometheus",
                        keys.get("LEDGER_VIEWER_KEY"),
                        null,
                        Duration.ofSeconds(5));
                Matcher m = SHARE.matcher(a.body());
                shares.put(stack.ledgers.get(i), m.find() ? String.valueOf((int) Double.parseDouble(m.group(1))) : "?");
            } catch (Exception e) {
                shares.put(stack.ledgers.get(i), "down");
            }
        }
        return shares;
    }

    private void readEvents() {
        Properties p;
        try {
            p = stack.kafkaClient(LocalStack.KAFKA_OPERATOR);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        while (reading) {
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> parts = consumer.partitionsFor(EVENTS, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                while (reading) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        JsonNode e = Http.JSON.readTree(r.value());
                        seen.putIfAbsent(
                                e.path("stream").asText() + "/"
                                        + e.path("sequence").asLong(),
                                System.nanoTime());
                    }
                }
            } catch (Exception e) {
                if (reading) {
                    say("reading ledger.events: " + e + "; again");
                }
            }
        }
    }

    private static String describe(Map<String, Double> seconds) {
        StringBuilder sb = new StringBuilder();
        seconds.forEach((ledger, s) ->
                sb.append(sb.isEmpty() ? "" : ", ").append(ledger).append(String.format(" %.2f s", s)));
        return sb.toString();
    }

    private static double percentile(List<Double> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void say(String line) {
        System.out.println("[failover] " + line);
    }
}
