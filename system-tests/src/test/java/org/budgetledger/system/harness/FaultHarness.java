package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fault-injection harness: starts the local stack with {@code bin/ledger-local} (own LEDGER_HOME under target/,
 * free ports), drives a seeded stream of postings over REST and Kafka while it SIGKILLs the services and the broker and
 * SIGKILLs the store, then checks from its own record of what it sent that the published figures are exactly right.
 *
 * <pre>
 *   java ... org.budgetledger.system.harness.FaultHarness [--profile full] [--postings N] [--killsPerService K]
 *        [--backend h2|memory] [--seed S] [--killKafka true] [--killStore true] [--overflow true]
 *        [--ledgerInstances 2] [--projectionInstances 2] ...
 * </pre>
 * (bin/fault-harness runs it through Maven; FaultHarnessTest runs the small configuration in the test suite.)
 */
public final class FaultHarness {

    private static final String POSTINGS_TOPIC = "ledger.postings";
    private static final String DLQ_TOPIC = "ledger.postings.dlq";
    private static final String LEDGER_GROUP = "ledger-service";
    private static final Duration READ_PATIENCE = Duration.ofMinutes(10);

    private final HarnessConfig config;
    private final Path repo;
    private final Http http = new Http();
    private final Report report = new Report();
    private LocalStack stack;
    private Map<String, String> keys;
    private Plan plan;
    private volatile boolean sendingDone;
    private volatile Faults faults;

    FaultHarness(HarnessConfig config, Path repo) {
        this.config = config;
        this.repo = repo;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        HarnessConfig config = HarnessConfig.fromArgs(args);
        Report report = new FaultHarness(config, findRepo()).run();
        System.exit(report.ok() ? 0 : 1);
    }

    /** The Kafka clients log at DEBUG by default here (logback without a configuration): warnings only. */
    static void quietLogging() {
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }

    static Path findRepo() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("bin/ledger-local"))) {
                return d;
            }
        }
        throw new IllegalStateException("no bin/ledger-local above " + dir);
    }

    Report run() throws Exception {
        long started = System.currentTimeMillis();
        String runId = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + config.seed();
        Path home = (config.workDir().isAbsolute()
                        ? config.workDir()
                        : repo.resolve("system-tests").resolve(config.workDir()))
                .resolve(runId);
        stack = new LocalStack(repo, home, config.backend(), config.ledgerInstances(), config.projectionInstances());
        report.home = home;
        report.config = config;
        say("configuration: " + config.describe());
        say("LEDGER_HOME " + home + " (logs in " + stack.logs() + "); services from copies of " + stack.jarInfo);
        plan = Plan.generate(config);
        report.sent = plan.itemsSent();
        report.filler = plan.fillerPostings;
        say("plan: " + plan.itemsSent() + " postings in " + plan.phases.size() + " phases"
                + (plan.fillerPostings > 0
                        ? " (" + plan.fillerPostings + " of them fill the overflow ledger " + Plan.BIG + ")"
                        : ""));
        Senders senders = null;
        Thread faultThread = null;
        Faults faults = null;
        // stopped from outside (SIGTERM, Ctrl-C): still stop every process the run started
        Thread stopStack = new Thread(
                () -> {
                    try {
                        stack.stopAll();
                    } catch (Exception e) {
                        System.out.println("[harness] could not stop the stack: " + e);
                    }
                },
                "harness-stop");
        Runtime.getRuntime().addShutdownHook(stopStack);
        try {
            long t = System.currentTimeMillis();
            stack.start();
            say(String.format("stack up in %.1f s", (System.currentTimeMillis() - t) / 1000.0));
            keys = stack.credentials();
            setup();
            senders = new Senders(
                    http,
                    stack.ledgerUrls(),
                    keys.get("LEDGER_POSTER_KEY"),
                    stack.kafkaClient(LocalStack.KAFKA_POSTER),
                    config.restThreads(),
                    config.sendAtLeast(),
                    plan.itemsSent());
            faults = new Faults(
                    config, stack, senders.progress, plan.itemsSent(), () -> sendingDone, this::probeStoreOutage);
            senders.gate = faults::sendingMayReach;
            Senders sending = senders;
            Faults injecting = faults;
            injecting.onFailure = () -> sending.abort(new IllegalStateException(
                    "a fault could not be recovered from: " + injecting.failure, injecting.failure));
            this.faults = faults;
            faultThread = new Thread(faults, "faults");
            faultThread.setDaemon(true);
            faultThread.start();
            long sendStart = System.currentTimeMillis();
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (Plan.Phase phase : plan.phases) {
                long p0 = System.currentTimeMillis();
                senders.send(phase, POSTINGS_TOPIC);
                stopIfAFaultFailed();
                long p1 = System.currentTimeMillis();
                phase.validPerUnit.forEach((u, n) -> expected.merge(u, n, Integer::sum));
                String barrier = awaitRecorded(expected, config.patience());
                say(String.format(
                        "phase %-16s %6d postings sent in %6.1f s, recorded in %6.1f s more%s",
                        phase.name,
                        phase.items.size(),
                        (p1 - p0) / 1000.0,
                        (System.currentTimeMillis() - p1) / 1000.0,
                        barrier == null ? "" : " — " + barrier));
                if (barrier != null) {
                    report.findings.add("phase " + phase.name + ": " + barrier);
                }
            }
            sendingDone = true;
            report.sendSeconds = (System.currentTimeMillis() - sendStart) / 1000.0;
            report.restRetries = senders.restRetries.get();
            faultThread.join(Duration.ofMinutes(30).toMillis());
            if (faults.failure != null) {
                throw new IllegalStateException("fault injection failed", faults.failure);
            }
            faults.log.forEach(line -> report.faultLog.add(line));
            report.faultWindows.addAll(faults.windows);
            report.kills.put("ledger", faults.count(Faults.Kind.KILL_LEDGER));
            report.kills.put("projection", faults.count(Faults.Kind.KILL_PROJECTION));
            report.kills.put("kafka", faults.count(Faults.Kind.KILL_KAFKA));
            report.kills.put("store", faults.count(Faults.Kind.KILL_STORE));
            stack.start(); // whatever a fault left down (nothing, normally)
            drain();
            check();
            report.seconds = (System.currentTimeMillis() - started) / 1000.0;
        } catch (Throwable e) {
            report.crash = e;
            report.seconds = (System.currentTimeMillis() - started) / 1000.0;
            e.printStackTrace(System.out);
        } finally {
            sendingDone = true;
            if (senders != null) {
                senders.close();
            }
            if (faultThread != null) {
                faultThread.join(Duration.ofMinutes(5).toMillis());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopStack);
                LocalStack.Result stopped = stack.stop();
                if (stopped.exit() != 0) {
                    say("bin/ledger-local stop: " + stopped.output());
                }
                deleteTree(home.resolve(
                        "jars")); // copies of the service jars (150 MB); logs and data stay for a post-mortem
            } catch (Exception e) {
                say("could not stop the stack: " + e);
            }
        }
        String text = report.render();
        System.out.println(text);
        Files.writeString(home.resolve("report.txt"), text);
        Files.writeString(home.resolve("details.txt"), report.allDetails());
        return report;
    }

    // ---- setup ------------------------------------------------------------------------------------------------------

    private void setup() throws Exception {
        String admin = keys.get("LEDGER_ADMIN_KEY");
        for (Plan.Unit u : plan.units) {
            putProfile(u.code(), Plan.YEAR, u.kind(), u.parent(), admin);
        }
        putProfile(Plan.CLOSED, Plan.YEAR, "ADMINISTRATIVE", null, admin);
        putProfile(Plan.FUTURE, Plan.FUTURE_YEAR, "ADMINISTRATIVE", null, admin);
        putProfile(Plan.IMPORTED, Plan.YEAR, "ADMINISTRATIVE", null, admin);
        Http.Answer imported = http.patiently(
                "PUT",
                stack.ledgerUrl() + "/api/v1/units/" + Plan.IMPORTED + "/years/" + Plan.YEAR
                        + "/published-figures?fileName=harness.json",
                admin,
                "{\"cells\": {}}",
                READ_PATIENCE);
        if (imported.status() != 201 && imported.status() != 200) {
            throw new IllegalStateException(
                    "importing " + Plan.IMPORTED + ": " + imported.status() + " " + imported.body());
        }
        if (config.overflow()) {
            putProfile(Plan.BIG, Plan.YEAR, "ADMINISTRATIVE", null, admin);
        }
        for (PostingSpec p : plan.closedSetup) {
            Http.Answer a = http.patiently(
                    "POST",
                    stack.ledgerUrl() + "/api/v1/postings",
                    keys.get("LEDGER_POSTER_KEY"),
                    p.json().toString(),
                    READ_PATIENCE);
            if (a.status() != 201 && a.status() != 200) {
                throw new IllegalStateException("setup posting " + p.postingId + ": " + a.status() + " " + a.body());
            }
        }
        Http.Answer closed = http.patiently(
                "POST",
                stack.ledgerUrl() + "/api/v1/units/" + Plan.CLOSED + "/years/" + Plan.YEAR + "/close",
                admin,
                null,
                READ_PATIENCE);
        if (closed.status() != 200) {
            throw new IllegalStateException("closing " + Plan.CLOSED + ": " + closed.status() + " " + closed.body());
        }
    }

    private void putProfile(String unit, int year, String kind, String parent, String key) throws Exception {
        ObjectNode profile =
                Http.JSON.createObjectNode().put("name", "故障演练单位 " + unit).put("kind", kind);
        profile.put("parentUnitCode", parent);
        profile.put("region", "湖南省株洲市荷塘区");
        Http.Answer a = http.patiently(
                "PUT",
                stack.ledgerUrl() + "/api/v1/units/" + unit + "/years/" + year,
                key,
                profile.toString(),
                READ_PATIENCE);
        if (a.status() != 201 && a.status() != 200) {
            throw new IllegalStateException("registering " + unit + ": " + a.status() + " " + a.body());
        }
    }

    /**
     * While the store is stopped: what does each service answer a reader? A retryable 5xx (or the answer from a cache)
     * is right; a 401 to a request with a valid key is the bug reported as "401 instead of 5xx".
     */
    private void probeStoreOutage(long downMillis) throws Exception {
        String[][] probes = {
            {
                "ledger-service",
                stack.ledgerUrl() + "/api/v1/units/" + plan.units.get(0).code() + "/years/" + Plan.YEAR + "/ledger",
                "LEDGER_VIEWER_KEY"
            },
            {"projection-service", cellsUrl(plan.units.get(0).code(), "self"), "LEDGER_VIEWER_KEY"}
        };
        List<Thread> threads = new ArrayList<>();
        for (String[] probe : probes) {
            Thread t = new Thread(
                    () -> {
                        long start = System.currentTimeMillis();
                        String result;
                        int status;
                        try {
                            Http.Answer a = http.send(
                                    "GET", probe[1], keys.get(probe[2]), null, Duration.ofMillis(downMillis + 20_000));
                            status = a.status();
                            result = "HTTP " + a.status() + " "
                                    + (a.body().length() > 200 ? a.body().substring(0, 200) : a.body());
                        } catch (Exception e) {
                            status = -1;
                            result = e.toString();
                        }
                        String line = String.format(
                                "%s GET %s while the store was down: %s after %.1f s",
                                probe[0],
                                probe[1].replaceAll("^http://[^/]+", ""),
                                result,
                                (System.currentTimeMillis() - start) / 1000.0);
                        report.outageProbes.add(line);
                        if (status == 401) {
                            report.unauthorized++;
                            report.detail("401 for a request with a valid key", line);
                        } else if (status != 200 && (status < 500 || status > 599)) {
                            report.findings.add(line);
                        }
                        say(line);
                    },
                    "outage-probe");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Thread.sleep(downMillis);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    // ---- waiting ----------------------------------------------------------------------------------------------------

    /**
     * Waits until every ledger holds the expected number of postings; gives up (answering why) once Kafka's backlog is
     * consumed and the counts have not moved for 30 s, or after {@code patience}.
     */
    private String awaitRecorded(Map<String, Integer> expected, Duration patience) throws Exception {
        long end = System.nanoTime() + patience.toNanos();
        Map<String, Long> last = null;
        long stableSince = System.nanoTime();
        try (Admin admin = admin()) {
            while (true) {
                stopIfAFaultFailed();
                Map<String, Long> counts = new TreeMap<>();
                boolean all = true;
                for (String unit : expected.keySet()) {
                    long n = ledgerState(unit, Duration.ofMinutes(5))
                            .path("postings")
                            .asLong();
                    counts.put(unit, n);
                    all &= n == expected.get(unit);
                }
                if (all) {
                    return null;
                }
                if (!counts.equals(last)) {
                    last = counts;
                    stableSince = System.nanoTime();
                }
                long lag = lag(admin);
                if (lag == 0
                        && System.nanoTime() - stableSince
                                > Duration.ofSeconds(30).toNanos()) {
                    return "postings per ledger " + counts + ", expected " + new TreeMap<>(expected)
                            + " (Kafka backlog consumed, counts still for 30 s)";
                }
                if (System.nanoTime() > end) {
                    return "postings per ledger " + counts + ", expected " + new TreeMap<>(expected) + " after "
                            + patience + " (Kafka lag " + lag + ")";
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** A fault the harness could not recover from (the system would not start again): the run ends now, with the reason. */
    private void stopIfAFaultFailed() {
        Faults f = faults;
        if (f != null && f.failure != null) {
            throw new IllegalStateException("fault injection failed: " + f.failure.getMessage(), f.failure);
        }
    }

    /** After the last phase: Kafka consumed, and the projection has every ledger's events. */
    private void drain() throws Exception {
        long t = System.currentTimeMillis();
        try (Admin admin = admin()) {
            long end = System.nanoTime() + config.patience().toNanos();
            long lag;
            while ((lag = lag(admin)) != 0 && System.nanoTime() < end) {
                Thread.sleep(1_000);
            }
            if (lag != 0) {
                report.findings.add("the ledger's consumer did not consume ledger.postings in " + config.patience()
                        + " (lag " + lag + ")");
            }
        }
        say(String.format("ledger.postings consumed after %.1f s", (System.currentTimeMillis() - t) / 1000.0));
        List<String> ledgers = new ArrayList<>(plan.ledgers());
        Map<String, Long> next = new LinkedHashMap<>();
        for (String l : ledgers) {
            next.put(l, ledgerState(l, READ_PATIENCE).path("nextSequence").asLong());
        }
        Thread.sleep(3_000);
        for (String l : ledgers) {
            long again = ledgerState(l, READ_PATIENCE).path("nextSequence").asLong();
            if (again != next.get(l)) {
                report.findings.add(l + ": still growing after the load (" + next.get(l) + " -> " + again + " events)");
                next.put(l, again);
            }
        }
        long end = System.nanoTime() + config.patience().toNanos();
        for (String l : ledgers) {
            long position = -1;
            while (System.nanoTime() < end) {
                JsonNode cells = cells(l, "self");
                position = cells.path("position").asLong();
                if (position >= next.get(l)) {
                    break;
                }
                Thread.sleep(1_000);
            }
            say(String.format(
                    "projection caught up with %s (%d events) after %.1f s",
                    l, next.get(l), (System.currentTimeMillis() - t) / 1000.0));
            if (position != next.get(l)) {
                report.projectionBehind++;
                report.findings.add(l + ": the projection's position is " + position + ", the ledger has " + next.get(l)
                        + " events");
            }
        }
        say(String.format(
                "drained (Kafka consumed, the projection caught up) in %.1f s",
                (System.currentTimeMillis() - t) / 1000.0));
    }

    // ---- checks -----------------------------------------------------------------------------------------------------

    private void check() throws Exception {
        long t = System.currentTimeMillis();
        Map<String, List<PostingSpec>> expectedByLedger = new LinkedHashMap<>(plan.valid);
        expectedByLedger.put(Plan.CLOSED, plan.closedSetup);
        for (Map.Entry<String, List<PostingSpec>> e : expectedByLedger.entrySet()) {
            checkLedger(e.getKey(), e.getValue());
        }
        checkRestAnswers();
        checkDlq();
        checkFiveHundreds();
        checkRuleCoverage();
        Map<String, String> before = new LinkedHashMap<>();
        checkCells(before);
        say(String.format(
                "ledgers, answers, DLQ and cells checked in %.1f s", (System.currentTimeMillis() - t) / 1000.0));
        checkRebuild(before);
    }

    private void checkLedger(String ledger, List<PostingSpec> expected) throws Exception {
        Map<String, PostingSpec> byKey = new LinkedHashMap<>();
        for (PostingSpec p : expected) {
            if (byKey.put(p.key(), p) != null) {
                throw new IllegalStateException("the plan holds " + p.key() + " twice");
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        long recordedFen = 0;
        long[] events = {0};
        List<JsonNode> postings = new ArrayList<>();
        lines(
                stack.ledgerUrl() + "/api/v1/ledgers/" + ledger + "/" + Plan.YEAR + "/events",
                keys.get("LEDGER_AUDITOR_KEY"),
                line -> {
                    events[0]++;
                    JsonNode e = Http.JSON.readTree(line);
                    JsonNode posting = e.path("payload").path("posting");
                    if (posting.isObject()) {
                        postings.add(posting);
                    }
                });
        for (JsonNode p : postings) {
            String key =
                    p.path("sourceSystem").asText() + "|" + p.path("postingId").asText();
            int n = seen.merge(key, 1, Integer::sum);
            PostingSpec spec = byKey.get(key);
            if (spec == null) {
                report.invalidRecorded++;
                report.detail("invalid recorded", ledger + ": " + p);
                continue;
            }
            if (n > 1) {
                report.doubled++;
                report.detail("doubled", ledger + ": " + key + " recorded " + n + " times");
                continue;
            }
            String mismatch = contentMismatch(spec, p);
            if (mismatch != null) {
                report.invalidRecorded++;
                report.detail(
                        "invalid recorded",
                        ledger + ": " + key + " recorded with other content (" + mismatch + "): " + p);
            }
            if (p.hasNonNull("amount")) {
                recordedFen += PostingSpec.fen(p.get("amount").asText());
            }
        }
        long expectedFen = 0;
        for (PostingSpec p : expected) {
            expectedFen += p.amountFen;
            if (!seen.containsKey(p.key())) {
                report.lost++;
                report.detail("lost", ledger + ": " + p.key() + " " + p.json());
            }
        }
        JsonNode state = ledgerState(ledger, READ_PATIENCE);
        long count = state.path("postings").asLong();
        report.ledgerLines.add(String.format(
                "%-10s postings %7d (expected %7d), amounts %s yuan (expected %s), events %d",
                ledger,
                count,
                expected.size(),
                PostingSpec.yuan(recordedFen, 0),
                PostingSpec.yuan(expectedFen, 0),
                events[0]));
        if (count != expected.size() || recordedFen != expectedFen) {
            report.ledgerMismatches++;
            report.detail(
                    "ledger figures",
                    ledger + ": " + count + " postings holding " + PostingSpec.yuan(recordedFen, 0) + " yuan; expected "
                            + expected.size() + " holding " + PostingSpec.yuan(expectedFen, 0));
        }
        if (!ledger.equals(Plan.CLOSED)) {
            Map<String, Long> available = new TreeMap<>();
            Set<String> reversed = new java.util.HashSet<>();
            expected.stream()
                    .filter(p -> p.type.equals("REVERSAL"))
                    .forEach(p -> reversed.add(p.sourceSystem + "|" + p.reverses));
            for (PostingSpec p : expected) {
                if (!p.type.equals("REVERSAL") && !reversed.contains(p.key())) {
                    available.merge(p.fundSource, PostingSpec.availabilityEffect(p.type) * p.amountFen, Long::sum);
                }
            }
            for (Map.Entry<String, Long> a : available.entrySet()) {
                JsonNode actual = state.path("available").path(a.getKey());
                long actualFen = actual.isMissingNode() || actual.isNull() ? 0 : PostingSpec.fen(actual.asText());
                if (actualFen != a.getValue()) {
                    report.ledgerMismatches++;
                    report.detail(
                            "ledger figures",
                            ledger + ": available " + a.getKey() + " " + actual.asText() + ", expected "
                                    + PostingSpec.yuan(a.getValue(), 0));
                }
            }
        }
        JsonNode verify = http.getJson(
                stack.ledgerUrl() + "/api/v1/ledgers/" + ledger + "/" + Plan.YEAR + "/verify",
                keys.get("LEDGER_AUDITOR_KEY"),
                READ_PATIENCE);
        report.chainsVerified++;
        if (!verify.path("intact").asBoolean()
                || verify.path("events").asLong() != state.path("nextSequence").asLong()) {
            report.chainsBroken++;
            report.detail(
                    "hash chain",
                    ledger + ": " + verify + " (ledger next sequence " + state.path("nextSequence") + ")");
        }
    }

    private static String contentMismatch(PostingSpec s, JsonNode p) {
        List<String> diffs = new ArrayList<>();
        compare(diffs, "type", s.type, p);
        compare(diffs, "fundSource", s.fundSource, p);
        compare(diffs, "functionalCode", s.functionalCode, p);
        compare(diffs, "economicCode", s.economicCode, p);
        compare(diffs, "expenditureKind", s.expenditureKind, p);
        compare(diffs, "stage", s.stage, p);
        compare(diffs, "occurredOn", s.occurredOn, p);
        compare(diffs, "reverses", s.reverses, p);
        compare(diffs, "unitCode", s.unitCode, p);
        long fen = p.hasNonNull("amount") ? PostingSpec.fen(p.get("amount").asText()) : 0;
        if (fen != s.amountFen) {
            diffs.add("amount");
        }
        return diffs.isEmpty() ? null : String.join(", ", diffs);
    }

    private static void compare(List<String> diffs, String field, String expected, JsonNode p) {
        String actual = p.hasNonNull(field) ? p.get(field).asText() : null;
        if (!java.util.Objects.equals(expected, actual)) {
            diffs.add(field);
        }
    }

    private void checkRestAnswers() {
        for (Item item : plan.allItems()) {
            if (!item.rest()) {
                continue;
            }
            boolean ok = switch (item.kind) {
                case VALID, DUPLICATE -> item.restStatus == 201 || item.restStatus == 200;
                case CONFLICT -> item.restStatus == 409;
                case INVALID -> item.restStatus == item.expectedStatus && item.expectedError.equals(item.restError);
                case GARBAGE -> item.restStatus == 400;
            };
            report.restAnswers++;
            if (!ok) {
                report.unexpectedAnswers++;
                report.detail(
                        "unexpected REST answer",
                        "HTTP " + item.restStatus + " " + item.restError + ", expected " + item.expectedStatus
                                + (item.expectedError == null ? "" : " " + item.expectedError) + ": " + item);
            }
        }
    }

    private void checkDlq() throws Exception {
        Map<String, List<String>> parked = new HashMap<>();
        Properties p = new Properties();
        p.putAll(stack.kafkaClient(LocalStack.KAFKA_OPERATOR));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-harness-check");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        int records = 0;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(DLQ_TOPIC, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    String origin = header(r, "original.partition") + "@" + header(r, "original.offset");
                    parked.computeIfAbsent(origin, k -> new ArrayList<>()).add(header(r, "error"));
                    if (header(r, "message") == null) {
                        report.dlqWrong++;
                        report.detail("DLQ", "a record without a message header: " + origin);
                    }
                }
            }
        }
        report.dlqRecords = records;
        Set<String> known = new java.util.HashSet<>();
        for (Item item : plan.allItems()) {
            if (item.rest()) {
                continue;
            }
            String origin = item.partition + "@" + item.offset;
            known.add(origin);
            List<String> errors = parked.getOrDefault(origin, List.of());
            if (item.offset < 0) {
                report.findings.add("Kafka record never acknowledged: " + item + " (" + item.kafkaFailure + ")");
                continue;
            }
            switch (item.kind) {
                case VALID, DUPLICATE -> {
                    if (!errors.isEmpty()) {
                        report.validParked++;
                        report.detail("valid posting parked", errors + ": " + item);
                    }
                }
                default -> {
                    report.dlqExpected++;
                    if (errors.isEmpty()) {
                        report.dlqMissing++;
                        report.detail("DLQ", "not parked: " + item);
                    } else if (errors.stream().anyMatch(e -> !item.expectedError.equals(e))) {
                        report.dlqWrong++;
                        report.detail(
                                "DLQ", "parked with " + errors + ", expected " + item.expectedError + ": " + item);
                    } else if (errors.size() > 1) {
                        report.parkedTwice++;
                    }
                }
            }
        }
        for (String origin : parked.keySet()) {
            if (!known.contains(origin)) {
                report.dlqWrong++;
                report.detail("DLQ", "a parked record the harness did not send: " + origin + " " + parked.get(origin));
            }
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Server errors and connection failures of posting requests, outside the windows of the ledger's dependencies. */
    private void checkFiveHundreds() {
        Map<Item.Attempt, Item> attempts = new IdentityHashMap<>();
        for (Item item : plan.allItems()) {
            for (Item.Attempt a : item.attempts) {
                attempts.putIfAbsent(a, item);
            }
        }
        long grace = config.grace().toMillis();
        for (Map.Entry<Item.Attempt, Item> e : attempts.entrySet()) {
            Item.Attempt a = e.getKey();
            if (a.status() == 401) {
                boolean inWindow =
                        report.faultWindows.stream().anyMatch(w -> w.overlaps(a.startMillis(), a.endMillis(), grace));
                report.unauthorized++;
                report.detail(
                        "401 for a request with a valid key",
                        Instant.ofEpochMilli(a.startMillis()) + " .. "
                                + Instant.ofEpochMilli(a.endMillis())
                                + (inWindow ? " (in a fault window)" : " (outside fault windows)")
                                + ": " + e.getValue());
                continue;
            }
            if (!a.serverError()) {
                continue;
            }
            report.serverErrors++;
            boolean excused = report.faultWindows.stream()
                    .filter(w -> w.kind() != Faults.Kind.KILL_PROJECTION)
                    .anyMatch(w -> w.overlaps(a.startMillis(), a.endMillis(), grace));
            if (!excused) {
                report.serverErrorsOutside++;
                report.detail(
                        "5xx outside kill windows",
                        Instant.ofEpochMilli(a.startMillis()) + " .. "
                                + Instant.ofEpochMilli(a.endMillis()) + " "
                                + (a.status() < 0 ? a.failure() : "HTTP " + a.status())
                                + ": " + e.getValue());
            }
        }
    }

    /** Every rule of PostingRule (read from its source) broken at least once; the stateless ones on both channels. */
    private void checkRuleCoverage() throws IOException {
        Path source =
                repo.resolve("ledger-service/src/main/java/org/budgetledger/ledger/posting/domain/PostingRule.java");
        Set<String> codes = new LinkedHashSet<>();
        if (Files.isRegularFile(source)) {
            Matcher m = Pattern.compile("^\\s+[A-Z_]+\\(\"([A-Za-z_.]+)\"", Pattern.MULTILINE)
                    .matcher(Files.readString(source));
            while (m.find()) {
                codes.add(m.group(1));
            }
        }
        Set<String> broken = new TreeSet<>();
        plan.rulesBroken.values().forEach(broken::addAll);
        int hit = 0;
        for (String code : codes) {
            if (broken.contains(code)) {
                hit++;
            } else if (code.equals("ledger.overflow") && !config.overflow()) {
                report.rulesSkipped.add(code + " (needs a ledger filled with " + Plan.OVERFLOW_FILL
                        + " maximal postings: --overflow true, as the full run does)");
            } else {
                report.rulesNotBroken.add(code);
            }
        }
        report.rulesBroken = hit;
        report.rulesKnown = codes.size();
    }

    private void checkCells(Map<String, String> bodies) throws Exception {
        Map<String, Map<String, Long>> self = new LinkedHashMap<>();
        Map<String, String> kinds = new HashMap<>();
        plan.units.forEach(u -> kinds.put(u.code(), u.kind()));
        kinds.put(Plan.BIG, "ADMINISTRATIVE");
        for (String ledger : plan.ledgers()) {
            Map<String, Long> expected = Recompute.cells(plan.valid.get(ledger), kinds.get(ledger));
            self.put(ledger, expected);
            compareCells(ledger, "self", expected, bodies);
        }
        for (Plan.Unit root : plan.units) {
            if (root.parent() != null) {
                continue;
            }
            List<Map<String, Long>> parts = new ArrayList<>();
            for (Plan.Unit u : plan.units) {
                if (u.code().equals(root.code()) || root.code().equals(u.parent())) {
                    parts.add(self.get(u.code()));
                }
            }
            compareCells(root.code(), "department", Recompute.sum(parts), bodies);
        }
    }

    private void compareCells(String unit, String scope, Map<String, Long> expected, Map<String, String> bodies)
            throws Exception {
        Http.Answer a =
                http.patiently("GET", cellsUrl(unit, scope), keys.get("LEDGER_VIEWER_KEY"), null, READ_PATIENCE);
        bodies.put(unit + " " + scope, a.body());
        JsonNode actual = a.json().path("cells");
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            String want = Recompute.wan(e.getValue());
            String got = actual.has(e.getKey()) ? actual.get(e.getKey()).asText() : "0.00";
            report.cellsCompared++;
            if (!want.equals(got)) {
                report.wrongCells++;
                report.detail(
                        "wrong cells",
                        unit + " (" + scope + ") " + e.getKey() + " = " + got + ", recomputed " + want + " ("
                                + e.getValue() + " fen)");
            }
        }
    }

    private void checkRebuild(Map<String, String> before) throws Exception {
        long t = System.currentTimeMillis();
        String auditor = keys.get("LEDGER_AUDITOR_KEY");
        Instant asked = Instant.now();
        Http.Answer started =
                http.patiently("POST", stack.projectionUrl() + "/api/v1/admin/rebuild", auditor, null, READ_PATIENCE);
        if (started.status() != 202 && started.status() != 200) {
            throw new IllegalStateException("rebuild: " + started.status() + " " + started.body());
        }
        long end = System.nanoTime() + config.patience().toNanos();
        JsonNode status = started.json();
        while (System.nanoTime() < end) {
            status = http.getJson(stack.projectionUrl() + "/api/v1/admin/rebuild", auditor, READ_PATIENCE);
            if (!status.path("running").asBoolean()
                    && status.hasNonNull("finishedAt")
                    && Instant.parse(status.get("finishedAt").asText()).isAfter(asked)) {
                break;
            }
            Thread.sleep(1_000);
        }
        if (!"done".equals(status.path("phase").asText())) {
            report.rebuildDiffers++;
            report.detail("rebuild", "did not finish: " + status);
            return;
        }
        report.rebuildLine = String.format(
                "rebuild of %d events in %.1f s (%s events/s)",
                status.path("eventsDone").asLong(),
                (System.currentTimeMillis() - t) / 1000.0,
                Math.round(status.path("eventsPerSecond").asDouble()));
        for (Map.Entry<String, String> e : before.entrySet()) {
            String[] unitScope = e.getKey().split(" ");
            Http.Answer after = http.patiently(
                    "GET", cellsUrl(unitScope[0], unitScope[1]), keys.get("LEDGER_VIEWER_KEY"), null, READ_PATIENCE);
            report.rebuildCompared++;
            if (!after.body().equals(e.getValue())) {
                report.rebuildDiffers++;
                JsonNode a = after.json().path("cells");
                JsonNode b = Http.JSON.readTree(e.getValue()).path("cells");
                Set<String> keysAll = new TreeSet<>();
                a.fieldNames().forEachRemaining(keysAll::add);
                b.fieldNames().forEachRemaining(keysAll::add);
                int differing = 0;
                for (String k : keysAll) {
                    if (!a.path(k).asText("0.00").equals(b.path(k).asText("0.00"))) {
                        differing++;
                        report.detail(
                                "rebuild",
                                e.getKey() + " " + k + ": live " + b.path(k).asText("-") + ", rebuilt "
                                        + a.path(k).asText("-"));
                    }
                }
                report.wrongCells += differing;
                if (differing == 0) {
                    report.detail(
                            "rebuild",
                            e.getKey() + ": body differs (not the cells): live "
                                    + e.getValue()
                                            .substring(
                                                    0,
                                                    Math.min(200, e.getValue().length())) + " rebuilt "
                                    + after.body()
                                            .substring(
                                                    0,
                                                    Math.min(200, after.body().length())));
                }
            }
        }
        say(report.rebuildLine + ", compared byte for byte with the live cells");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private String cellsUrl(String unit, String scope) {
        return stack.projectionUrl() + "/api/v1/final-accounts/" + unit + "/" + Plan.YEAR + "/cells"
                + (scope.equals("self") ? "?scope=self" : "");
    }

    private JsonNode cells(String unit, String scope) throws Exception {
        return http.getJson(cellsUrl(unit, scope), keys.get("LEDGER_VIEWER_KEY"), READ_PATIENCE);
    }

    private JsonNode ledgerState(String unit, Duration patience) throws Exception {
        return http.getJson(
                stack.ledgerUrl() + "/api/v1/units/" + unit + "/years/" + Plan.YEAR + "/ledger",
                keys.get("LEDGER_VIEWER_KEY"),
                patience);
    }

    interface LineHandler {
        void line(String line) throws IOException;
    }

    /** Streams a JSON Lines answer (a ledger's events may be tens of megabytes). */
    private void lines(String url, String key, LineHandler handler) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<java.io.InputStream> r = client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("X-API-Key", key)
                                .timeout(Duration.ofMinutes(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new IOException("GET " + url + " answered " + r.statusCode());
                }
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!line.isBlank()) {
                            handler.line(line);
                        }
                    }
                }
                return;
            } catch (IOException e) {
                if (attempt >= 3) {
                    throw e;
                }
                Thread.sleep(2_000);
            }
        }
    }

    private Admin admin() throws java.io.IOException {
        Properties p = new Properties();
        p.putAll(stack.kafkaClient(LocalStack.KAFKA_OPERATOR));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    /** Records of ledger.postings the ledger's consumer group has not committed yet; -1 when Kafka does not answer. */
    private static long lag(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(LEDGER_GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            var description = admin.describeTopics(List.of(POSTINGS_TOPIC))
                    .allTopicNames()
                    .get()
                    .get(POSTINGS_TOPIC);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description
                    .partitions()
                    .forEach(
                            pi -> request.put(new TopicPartition(POSTINGS_TOPIC, pi.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(request).all().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void say(String line) {
        System.out.println("[harness] " + line);
    }

    /** What a run found; {@link #summary()} is the one line the task asks for. */
    static final class Report {
        HarnessConfig config;
        Path home;
        int sent;
        int filler;
        final Map<String, Integer> kills = new LinkedHashMap<>();
        final List<Faults.Window> faultWindows = new ArrayList<>();
        final List<String> faultLog = new ArrayList<>();
        final List<String> outageProbes = new java.util.concurrent.CopyOnWriteArrayList<>();
        long lost;
        long doubled;
        long wrongCells;
        long invalidRecorded;
        long serverErrors;
        long serverErrorsOutside;
        /** 401 answers to requests that carried the right key (retried; a bug of the service) */
        long unauthorized;

        long restRetries;
        long restAnswers;
        long unexpectedAnswers;
        long dlqRecords;
        long dlqExpected;
        long dlqMissing;
        long dlqWrong;
        long parkedTwice;
        long validParked;
        long ledgerMismatches;
        long chainsVerified;
        long chainsBroken;
        long projectionBehind;
        long cellsCompared;
        long rebuildCompared;
        long rebuildDiffers;
        int rulesBroken;
        int rulesKnown;
        final List<String> rulesNotBroken = new ArrayList<>();
        final List<String> rulesSkipped = new ArrayList<>();
        final List<String> findings = new ArrayList<>();
        final List<String> ledgerLines = new ArrayList<>();
        String rebuildLine = "rebuild not run";
        double sendSeconds;
        double seconds;
        Throwable crash;
        private final Map<String, List<String>> details = new TreeMap<>();

        void detail(String what, String line) {
            List<String> list = details.computeIfAbsent(what, k -> Collections.synchronizedList(new ArrayList<>()));
            list.add(line);
        }

        String allDetails() {
            StringBuilder sb = new StringBuilder();
            details.forEach((what, lines) -> {
                sb.append(what).append(": ").append(lines.size()).append('\n');
                lines.forEach(l -> sb.append("  ").append(l).append('\n'));
            });
            return sb.toString();
        }

        int restarts() {
            return kills.values().stream().mapToInt(Integer::intValue).sum();
        }

        String summary() {
            return String.format(
                    "postings sent %d, kills ledger=%d projection=%d kafka=%d, restarts %d (store SIGKILLed %d), "
                            + "lost %d, doubled %d, wrong cells %d, invalid recorded %d, 5xx outside kill windows %d%s",
                    sent,
                    kills.getOrDefault("ledger", 0),
                    kills.getOrDefault("projection", 0),
                    kills.getOrDefault("kafka", 0),
                    restarts(),
                    kills.getOrDefault("store", 0),
                    lost,
                    doubled,
                    wrongCells,
                    invalidRecorded,
                    serverErrorsOutside,
                    unauthorized == 0 ? "" : ", 401 instead of 5xx " + unauthorized);
        }

        boolean ok() {
            return crash == null
                    && lost == 0
                    && doubled == 0
                    && unauthorized == 0
                    && wrongCells == 0
                    && invalidRecorded == 0
                    && serverErrorsOutside == 0
                    && unexpectedAnswers == 0
                    && dlqMissing == 0
                    && dlqWrong == 0
                    && validParked == 0
                    && ledgerMismatches == 0
                    && chainsBroken == 0
                    && projectionBehind == 0
                    && rebuildDiffers == 0
                    && rulesNotBroken.isEmpty()
                    && findings.isEmpty()
                    && kills.getOrDefault("ledger", 0) >= config.killsPerService()
                    && kills.getOrDefault("projection", 0) >= config.killsPerService()
                    && kills.getOrDefault("kafka", 0) >= (config.killKafka() ? 1 : 0)
                    && kills.getOrDefault("store", 0) >= (config.killStore() ? 1 : 0);
        }

        String render() {
            StringBuilder sb = new StringBuilder();
            sb.append("\n================ fault harness ================\n");
            sb.append(config.describe()).append('\n');
            sb.append("LEDGER_HOME ").append(home).append('\n');
            faultLog.forEach(l -> sb.append("  fault: ").append(l).append('\n'));
            outageProbes.forEach(l -> sb.append("  store outage: ").append(l).append('\n'));
            ledgerLines.forEach(l -> sb.append("  ledger ").append(l).append('\n'));
            sb.append(String.format(
                    "  REST: %d answers checked, %d unexpected; %d retries; %d server errors or connection failures, %d outside kill windows; %d answers 401 to requests with a valid key%n",
                    restAnswers, unexpectedAnswers, restRetries, serverErrors, serverErrorsOutside, unauthorized));
            sb.append(String.format(
                    "  Kafka: %d DLQ records; %d invalid records expected there: %d missing, %d with a wrong reason, %d parked twice; %d valid ones parked%n",
                    dlqRecords, dlqExpected, dlqMissing, dlqWrong, parkedTwice, validParked));
            sb.append(String.format(
                    "  rules: %d of the %d codes of PostingRule broken%s%s%n",
                    rulesBroken,
                    rulesKnown,
                    rulesNotBroken.isEmpty() ? "" : "; never broken: " + rulesNotBroken,
                    rulesSkipped.isEmpty() ? "" : "; not in this configuration: " + rulesSkipped));
            sb.append(String.format(
                    "  hash chains: %d verified, %d broken; ledger figures mismatched: %d%n",
                    chainsVerified, chainsBroken, ledgerMismatches));
            sb.append(String.format(
                    "  cells: %d compared with the recomputation; %s; %d cell bodies compared after it, %d differ%n",
                    cellsCompared, rebuildLine, rebuildCompared, rebuildDiffers));
            sb.append(String.format("  time: %.1f s in all, %.1f s sending%n", seconds, sendSeconds));
            findings.forEach(f -> sb.append("  finding: ").append(f).append('\n'));
            if (!details.isEmpty()) {
                sb.append("  (every detail line: ")
                        .append(home.resolve("details.txt"))
                        .append(")\n");
            }
            details.forEach((what, lines) -> {
                sb.append("  ").append(what).append(": ").append(lines.size()).append('\n');
                lines.stream()
                        .limit(12)
                        .forEach(l -> sb.append("    ")
                                .append(l.length() > 600 ? l.substring(0, 600) + "…" : l)
                                .append('\n'));
            });
            if (crash != null) {
                sb.append("  the harness itself failed: ").append(crash).append('\n');
            }
            sb.append(summary()).append('\n');
            sb.append(ok() ? "RESULT: PASS" : "RESULT: FAIL").append('\n');
            return sb.toString();
        }
    }
}
