package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * The benchmark load driver: for each backend of the embedded store, a fresh stack (bin/ledger-local through
 * {@link LocalStack}), a few funded ledgers, then in order: the store's own insert limit, REST single posts, REST
 * batches, Kafka, projection lag at a steady rate, queries, a rebuild, and the memory of each JVM. Every figure is
 * printed as it comes; a Markdown block goes to {@code system-tests/target/bench/<backend>-<timestamp>.md}. A step that
 * fails is recorded as failed and the run goes on. Nothing here asserts on time: it measures.
 *
 * <pre>  bin/benchmark [--backend memory|h2|both] [--size smoke|full] [--name value ...]   (settings: BenchSettings)</pre>
 */
public final class Benchmark {

    private static final String POSTINGS_TOPIC = "ledger.postings";
    /** Axon's event collection in the ledger's database (StoredEvents, AxonConfig) */
    private static final String EVENTS_COLLECTION = "domainevents";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final BenchSettings settings;
    private final Path repo;
    private final String backend;
    private final BenchReport report;
    private final BenchPostings postings = new BenchPostings();
    private final Http http = new Http();
    /** Steps whose time goes to our code (the others wait on the store, or are the store's own limit). */
    private static final java.util.Set<String> PROFILED = java.util.Set.of(
            "rest single", "rest single alone", "rest batch", "kafka", "projection lag", "queries", "rebuild");

    private BenchProfiler profiler;
    private CpuAccount cpu;
    private LocalStack stack;
    private Map<String, String> keys;
    /** the measured ledgers; the first is the as-of ledger */
    private final List<String> ledgers = new ArrayList<>();
    /** the ledgers the loads go to: all but the as-of ledger, which keeps exactly asOfPostings postings */
    private List<String> load;

    private final List<String> departments = new ArrayList<>();
    private final List<String> topUpLedgers = new ArrayList<>();
    private Instant asOf;
    private double restBatchRate = -1;
    private double kafkaRate = -1;

    private Benchmark(BenchSettings settings, Path repo, String backend) {
        this.settings = settings;
        this.repo = repo;
        this.backend = backend;
        this.report = new BenchReport(backend, settings);
    }

    public static void main(String[] args) throws Exception {
        runAll(args);
        System.exit(0); // the HTTP and Kafka clients' threads would keep the JVM alive
    }

    /** Every backend asked for, one after the other; answers the Markdown blocks (also printed at the end). */
    static List<String> runAll(String[] args) throws Exception {
        FaultHarness.quietLogging();
        // Testcontainers logs an ERROR with a stack of reasons when no Docker engine answers; the report says it in one
        // line
        System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers", "off");
        BenchSettings settings = BenchSettings.fromArgs(args);
        Path repo = FaultHarness.findRepo();
        List<String> blocks = new ArrayList<>();
        for (String backend : settings.backends) {
            blocks.add(new Benchmark(settings, repo, backend).run());
        }
        System.out.println("\n" + String.join("\n", blocks));
        return blocks;
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs one measurement; a failure is recorded in the report and the run goes on. */
    private boolean step(String name, Step step) {
        if (!settings.s("steps").equals("all")
                && !name.equals("setup")
                && !name.equals("memory")
                && !java.util.Arrays.asList(settings.s("steps").split(",")).contains(name.replace(' ', '-'))) {
            return true; // not asked for (--steps rest-batch,queries)
        }
        say("---- " + name);
        long t = System.nanoTime();
        boolean profiled = profiler != null && PROFILED.contains(name);
        Instant from = Instant.now();
        try {
            step.run();
            say(String.format("---- %s done in %.1f s", name, (System.nanoTime() - t) / 1e9));
            return true;
        } catch (Throwable e) {
            report.failed(name, e);
            return false;
        } finally {
            if (profiled) {
                profiler.slice(name, from, Instant.now())
                        .forEach(hot -> report.add("profile", name + ": hottest methods", hot, null));
            }
        }
    }

    private String run() throws IOException {
        String ts = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = repo.resolve("system-tests").resolve(settings.s("workDir"));
        Path home = work.resolve("run-" + backend + "-" + ts);
        say("settings: " + settings.describe());
        try {
            stack = new LocalStack(
                    repo, home, backend, settings.i("ledgerInstances"), settings.i("projectionInstances"));
            stack.env.put(
                    "LEDGER_STORE_HEAP", settings.s(backend.equals("memory") ? "storeHeapMemory" : "storeHeapH2"));
            stack.env.put("LEDGER_SERVICE_HEAP", settings.s("serviceHeap"));
            stack.env.put("PROJECTION_SERVICE_HEAP", settings.s("serviceHeap"));
            stack.env.put("LEDGER_SERVICE_JAVA_OPTS", settings.s("serviceJavaOpts"));
            stack.env.put("LEDGER_KAFKA_HEAP", settings.s("kafkaHeap"));
            say("LEDGER_HOME " + home + "; services from copies of " + stack.jarInfo);
            long t = System.nanoTime();
            stack.start();
            report.add(
                    "stack",
                    "start (4 JVMs, bin/ledger-local)",
                    String.format("%.1f s", (System.nanoTime() - t) / 1e9),
                    null);
            keys = stack.credentials();
            cpu = new CpuAccount(stack);
            if (settings.b("profile")) {
                profiler = new BenchProfiler(stack, home.resolve("jfr"));
                profiler.begin();
            }
            if (step("setup", this::setup)) {
                step("limit", this::limit);
                step("warm-up", this::warmUp);
                step("rest single", this::restSingle);
                step("rest single alone", this::restSingleAlone);
                step("rest batch", this::restBatch);
                step("kafka", this::kafka);
                step("projection lag", this::projectionLag);
                step("queries", this::queries);
                step("rebuild", this::rebuild);
                step("rest single in a grown store", this::restSingleGrown);
                step("growth", this::growth);
            }
            step("memory", this::memory);
        } catch (Throwable e) {
            report.failed("stack", e);
        } finally {
            if (stack != null) {
                try {
                    LocalStack.Result stopped = stack.stop();
                    if (stopped.exit() != 0) {
                        report.note("bin/ledger-local stop: exit " + stopped.exit() + " " + stopped.output());
                    }
                    FaultHarness.deleteTree(
                            home.resolve("jars")); // copies of the service jars; logs and data stay for a look
                } catch (Exception e) {
                    report.note("could not stop the stack: " + e);
                }
            }
        }
        String md = report.markdown();
        Files.createDirectories(work);
        Path file = work.resolve(backend + "-" + ts + ".md");
        Files.writeString(file, md);
        say("report written to " + file);
        return md;
    }

    // ---- setup ------------------------------------------------------------------------------------------------------

    /**
     * Two departments of {ledgers/2} units each (consolidation has something to add up), each ledger funded; then the
     * as-of ledger filled to {@code asOfPostings}, with the as-of instant taken in the middle of that load.
     */
    private void setup() throws Exception {
        int n = settings.i("ledgers");
        for (int d = 1; d <= 2; d++) {
            String root = "BM-D" + d;
            departments.add(root);
            for (int k = 0; k < (n + 2 - d) / 2; k++) {
                String unit = k == 0 ? root : root + "." + k;
                register(unit, k == 0 ? null : root);
                ledgers.add(unit);
            }
        }
        fund(ledgers);
        String hot = ledgers.get(0);
        load = ledgers.subList(1, ledgers.size());
        int half = settings.i("asOfPostings") / 2;
        long t = System.nanoTime();
        Batches first = restBatches(half, settings.i("batchSize"), settings.i("batchThreads"), List.of(hot), true);
        Thread.sleep(1_000);
        asOf = Instant.now();
        Thread.sleep(1_000);
        Batches second = restBatches(
                settings.i("asOfPostings") - half,
                settings.i("batchSize"),
                settings.i("batchThreads"),
                List.of(hot),
                true);
        long held = ledgerState(hot).path("postings").asLong();
        report.add(
                "setup",
                ledgers.size() + " ledgers registered and funded; as-of ledger " + hot,
                held + " postings",
                String.format("filled in %.1f s; as-of instant %s", (System.nanoTime() - t) / 1e9, asOf)
                        + first.problemsText()
                        + second.problemsText());
        awaitVisible(nextSequences(ledgers), System.nanoTime());
    }

    private void register(String unit, String parent) throws Exception {
        String body = Http.JSON
                .createObjectNode()
                .put("name", "基准测试单位 " + unit)
                .put("kind", parent == null ? "ADMINISTRATIVE" : "PUBLIC_INSTITUTION")
                .put("parentUnitCode", parent)
                .put("region", "湖南省株洲市荷塘区")
                .toString();
        Http.Answer a = http.patiently(
                "PUT",
                stack.ledgerUrl() + "/api/v1/units/" + unit + "/years/" + BenchPostings.YEAR,
                keys.get("LEDGER_ADMIN_KEY"),
                body,
                settings.patience());
        if (a.status() != 201 && a.status() != 200) {
            throw new IllegalStateException("registering " + unit + ": " + a.status() + " " + a.body());
        }
    }

    private void fund(List<String> units) throws Exception {
        for (String unit : units) {
            Http.Answer a = http.patiently(
                    "POST",
                    router().urlFor(unit) + "/api/v1/postings",
                    keys.get("LEDGER_POSTER_KEY"),
                    postings.funding(unit),
                    settings.patience());
            if (a.status() != 201 && a.status() != 200) {
                throw new IllegalStateException("funding " + unit + ": " + a.status() + " " + a.body());
            }
        }
    }

    // ---- 1. the store's own limit
    // -------------------------------------------------------------------------------------

    /**
     * Copies of real event documents inserted with the driver straight into a scratch collection of the ledger's
     * database with the event collection's indexes, in batches, with the service's write concern (its URI sets none:
     * the driver's default, acknowledged w=1). The most any event store on this store can write.
     */
    private void limit() throws Exception {
        int count = settings.i(backend.equals("memory") ? "limitDocsMemory" : "limitDocsH2");
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoCollection<Document> events = client.getDatabase("ledger").getCollection(EVENTS_COLLECTION);
            List<Document> sample = events.find().limit(1000).batchSize(1000).into(new ArrayList<>());
            List<Document> indexes = events.listIndexes().into(new ArrayList<>());
            if (sample.isEmpty()) {
                throw new IllegalStateException("no documents in ledger." + EVENTS_COLLECTION);
            }
            double insert = insertRate(client.getDatabase("ledger"), sample, indexes, count);
            int bytes = sample.get(0).toJson().length();
            report.add(
                    "limit",
                    "driver insertMany into the store (" + backend + "), batches of " + settings.i("limitBatch"),
                    BenchReport.rate(insert) + " docs",
                    count + " copies (the first fifth untimed warm-up) of " + sample.size() + " event documents (~"
                            + bytes + " bytes as JSON), indexes "
                            + indexes.stream().map(i -> i.getString("name")).toList() + ", w=1");
        }
        realMongo();
    }

    private double insertRate(MongoDatabase db, List<Document> sample, List<Document> indexes, int count) {
        MongoCollection<Document> scratch = db.getCollection("bench_limit").withWriteConcern(WriteConcern.ACKNOWLEDGED);
        scratch.drop();
        // the unique fields get a suffix per copy, or the copies would collide on the very indexes being measured
        Set<String> unique = new HashSet<>();
        for (Document index : indexes) {
            if (!index.getString("name").equals("_id_")) {
                Document key = index.get("key", Document.class);
                scratch.createIndex(
                        key,
                        new IndexOptions()
                                .unique(index.getBoolean("unique", false))
                                .name(index.getString("name")));
                if (index.getBoolean("unique", false)) {
                    key.keySet().stream()
                            .filter(f -> sample.get(0).get(f) instanceof String)
                            .findFirst()
                            .ifPresent(unique::add);
                }
            }
        }
        int batchSize = settings.i("limitBatch");
        List<List<Document>> batches = new ArrayList<>();
        for (int i = 0; i < count; i += batchSize) {
            List<Document> batch = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + batchSize); j++) {
                Document copy = new Document(sample.get(j % sample.size()));
                copy.remove("_id");
                for (String f : unique) {
                    copy.put(f, copy.getString(f) + "~" + j);
                }
                batch.add(copy);
            }
            batches.add(batch);
        }
        // the first fifth warms up the store's and the driver's code paths and is not timed (cold JITs, not the store)
        int warm = batches.size() / 5;
        for (List<Document> batch : batches.subList(0, warm)) {
            scratch.insertMany(batch);
        }
        long t = System.nanoTime();
        for (List<Document> batch : batches.subList(warm, batches.size())) {
            scratch.insertMany(batch);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        scratch.drop();
        return (count - (long) warm * batchSize) / seconds;
    }

    /** The same inserts into real MongoDB (Testcontainers mongo:7) where a Docker engine answers. */
    private void realMongo() {
        boolean docker;
        try {
            docker = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            docker = false;
        }
        if (!docker) {
            report.add(
                    "limit",
                    "real MongoDB (Testcontainers mongo:7)",
                    "skipped",
                    "no Docker engine answers on this machine");
            return;
        }
        int count = settings.i("limitDocsMemory");
        try (var mongo = new org.testcontainers.containers.MongoDBContainer("mongo:7");
                MongoClient ours = MongoClients.create(stack.mongoUri())) {
            mongo.start();
            MongoCollection<Document> events = ours.getDatabase("ledger").getCollection(EVENTS_COLLECTION);
            List<Document> sample = events.find().limit(1000).batchSize(1000).into(new ArrayList<>());
            List<Document> indexes = events.listIndexes().into(new ArrayList<>());
            try (MongoClient real = MongoClients.create(mongo.getConnectionString())) {
                double rate = insertRate(real.getDatabase("ledger"), sample, indexes, count);
                report.add(
                        "limit",
                        "driver insertMany into real MongoDB (mongo:7, Testcontainers)",
                        BenchReport.rate(rate) + " docs",
                        count + " copies, same documents and indexes, w=1");
            }
        } catch (Throwable e) {
            report.failed("limit (real MongoDB)", e);
        }
    }

    // ---- warm-up ----------------------------------------------------------------------------------------------------

    /**
     * The JVMs have just started and spend their first minute compiling: measured cold, a single post took three times
     * as long as the same post after the run. Every path the measurements use runs first, unreported.
     */
    private void warmUp() throws Exception {
        long end = System.nanoTime() + settings.i("warmupSeconds") * 1_000_000_000L;
        String cells = stack.projectionUrl() + "/api/v1/final-accounts/";
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int kind = i;
            workers.add(daemon("warm-up-" + i, () -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    try {
                        switch (kind) {
                            case 0 -> postBatch(100, load, true);
                            case 1, 2 -> postSingle(BenchPostings.pick(load, true));
                            default ->
                                http.send(
                                        "GET",
                                        cells + ledgers.get(r.nextInt(ledgers.size())) + "/" + BenchPostings.YEAR
                                                + "/cells?scope=self",
                                        keys.get("LEDGER_VIEWER_KEY"),
                                        null,
                                        REQUEST_TIMEOUT);
                        }
                    } catch (Exception e) {
                        // warming up only: the measurements report failures
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    // ---- 2. REST single ---------------------------------------------------------------------------------------------

    private void restSingle() throws Exception {
        restSingle(settings.i("singleThreads"), settings.i("singleSeconds"), "");
    }

    /** One client, sequential: the latency of a post when the machine is not saturated by the benchmark itself. */
    private void restSingleAlone() throws Exception {
        restSingle(1, settings.i("singleSeconds"), "");
    }

    /** Again after the store has grown to the rebuild's size: what the store's size does to a single post. */
    private void restSingleGrown() throws Exception {
        restSingle(1, settings.i("singleSeconds"), ", store holding " + storeEvents() + " events");
    }

    private long storeEvents() throws Exception {
        return sum(nextSequences(all()));
    }

    private void restSingle(int threads, long seconds, String where) throws Exception {
        Map<String, Long> next = new ConcurrentHashMap<>();
        CpuAccount.Snapshot cpu0 = cpu.snapshot();
        long t0 = System.nanoTime();
        Hammer h = hammer("single", threads, seconds, 201, r -> postSingle(BenchPostings.pick(load, true)), a -> {
            JsonNode j = a.json();
            next.merge(unitOf(j.path("ledger").asText()), j.path("sequence").asLong() + 1, Math::max);
        });
        BenchReport.Latency l = h.latency();
        String clients = threads + (threads == 1 ? " client" : " clients") + where;
        report.add(
                "ingest",
                "REST single, " + clients + ", recorded",
                BenchReport.rate(h.perSecond()) + " postings",
                l.count() + " in " + String.format("%.1f s", h.seconds()) + failures(h.failed(), h.problems()));
        report.add("ingest", "REST single latency (201), " + clients, l.text(), null);
        double visible = awaitVisible(next, t0);
        report.add(
                "ingest",
                "REST single, " + clients + ", visible in the cells",
                BenchReport.rate(l.count() / visible) + " postings",
                String.format("all visible %.1f s after the start", visible));
        report.add(
                "cpu",
                "REST single, " + clients + ", until visible",
                cpu.perOperation(cpu0, l.count(), "posting"),
                null);
    }

    // ---- 3. REST batch ----------------------------------------------------------------------------------------------

    private void restBatch() throws Exception {
        int size = settings.i("batchSize");
        int threads = settings.i("batchThreads");
        Map<String, Long> before = positions(load);
        CpuAccount.Snapshot cpu0 = cpu.snapshot();
        long t0 = System.nanoTime();
        Batches b = restBatches(settings.i("batchPostings"), size, threads, load, true);
        restBatchRate = b.recorded() / b.seconds();
        report.add(
                "ingest",
                "REST batch of " + size + ", " + threads + " clients, recorded",
                BenchReport.rate(restBatchRate) + " postings",
                b.recorded() + " in " + String.format("%.1f s", b.seconds()) + b.problemsText());
        double visible = awaitVisible(b.next(), t0);
        report.add(
                "ingest",
                "REST batch, visible in the cells",
                BenchReport.rate(b.recorded() / visible) + " postings",
                String.format("all visible %.1f s after the start", visible));
        report.add(
                "projection",
                "events applied during the REST batch load",
                BenchReport.rate(b.next().entrySet().stream()
                                        .mapToLong(e -> e.getValue() - before.get(e.getKey()))
                                        .sum()
                                / visible)
                        + " events",
                "bounded by ingest: the projection follows the ledger");
        report.add("cpu", "REST batch, until visible", cpu.perOperation(cpu0, b.recorded(), "posting"), null);
    }

    record Batches(long recorded, long rejected, double seconds, Map<String, Long> next, List<String> problems) {
        String problemsText() {
            return rejected == 0 && problems.isEmpty() ? "" : "; " + rejected + " not recorded, e.g. " + problems;
        }
    }

    /** One batch's answer: how many recorded, and each ledger's next sequence after it. */
    record BatchAnswer(int recorded, int rejected, Map<String, Long> next, String problem) {}

    /** Sends {@code count} postings as batches of {@code size} from {@code threads} clients; returns when all answered. */
    private Batches restBatches(long count, int size, int threads, List<String> units, boolean skewed)
            throws InterruptedException {
        AtomicLong remaining = new AtomicLong(count);
        AtomicLong recorded = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        Map<String, Long> next = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        long deadline = t0 + settings.patience().toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(daemon("batch-" + i, () -> {
                long n;
                while (System.nanoTime() < deadline
                        && (n = Math.min(size, remaining.getAndUpdate(r -> Math.max(0, r - size)))) > 0) {
                    BatchAnswer a = postBatch((int) n, units, skewed);
                    recorded.addAndGet(a.recorded());
                    rejected.addAndGet(a.rejected());
                    a.next().forEach((k, v) -> next.merge(k, v, Math::max));
                    if (a.problem() != null) {
                        keep(problems, a.problem());
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        if (remaining.get() > 0) {
            report.note(remaining.get() + " postings of a REST batch load not sent: the patience ("
                    + settings.patience() + ") ran out");
        }
        return new Batches(
                recorded.get(), rejected.get(), (System.nanoTime() - t0) / 1e9, next, new ArrayList<>(problems));
    }

    private ShareRouter router;

    /** Routes a unit's postings to the instance that publishes it (created once the stack runs). */
    private synchronized ShareRouter router() {
        if (router == null) {
            router = new ShareRouter(http, keys.get("LEDGER_VIEWER_KEY"), stack::ledgerUrls);
        }
        return router;
    }

    private Http.Answer postSingle(String unit) throws IOException, InterruptedException {
        return http.send(
                "POST",
                router().urlFor(unit) + "/api/v1/postings",
                keys.get("LEDGER_POSTER_KEY"),
                postings.next(unit),
                REQUEST_TIMEOUT);
    }

    /** A batch goes to the instances in turn, each with postings of the units whose partition it publishes. */
    private BatchAnswer postBatch(int n, List<String> units, boolean skewed) {
        Map<String, Long> next = new HashMap<>();
        try {
            ShareRouter.Route route = router().batchRoute(units);
            Http.Answer a = http.send(
                    "POST",
                    route.url() + "/api/v1/postings/batch",
                    keys.get("LEDGER_POSTER_KEY"),
                    postings.batch(n, route.units(), skewed),
                    REQUEST_TIMEOUT);
            if (a.status() != 200) {
                return new BatchAnswer(0, n, next, "batch HTTP " + a.status() + " " + abbreviate(a.body()));
            }
            int ok = 0;
            String problem = null;
            for (JsonNode r : a.json().path("results")) {
                if (r.path("httpStatus").asInt() == 201) {
                    ok++;
                    next.merge(
                            unitOf(r.path("ledger").asText()),
                            r.path("sequence").asLong() + 1,
                            Math::max);
                } else if (problem == null) {
                    problem = abbreviate(r.toString());
                }
            }
            return new BatchAnswer(ok, n - ok, next, problem);
        } catch (Exception e) {
            return new BatchAnswer(0, n, next, e.toString());
        }
    }

    // ---- 4. Kafka ---------------------------------------------------------------------------------------------------

    private void kafka() throws Exception {
        int count = settings.i("kafkaPostings");
        long before = sum(positions(load));
        CpuAccount.Snapshot cpu0 = cpu.snapshot();
        long t0 = System.nanoTime();
        Map<String, Long> expected = produce(count, load, true);
        double produced = (System.nanoTime() - t0) / 1e9;
        double recorded = awaitRecorded(expected, t0);
        kafkaRate = count / recorded;
        report.add(
                "ingest",
                "Kafka (acks=all, linger 10 ms), recorded",
                BenchReport.rate(kafkaRate) + " postings",
                count + " produced in "
                        + String.format("%.1f s, all recorded %.1f s after the start", produced, recorded));
        Map<String, Long> next = nextSequences(load);
        double visible = awaitVisible(next, t0);
        report.add(
                "ingest",
                "Kafka, visible in the cells",
                BenchReport.rate(count / visible) + " postings",
                String.format("all visible %.1f s after the start", visible));
        report.add(
                "projection",
                "events applied during the Kafka load",
                BenchReport.rate((sum(next) - before) / visible) + " events",
                "bounded by ingest: the projection follows the ledger");
        report.add("cpu", "Kafka, until visible", cpu.perOperation(cpu0, count, "posting"), null);
    }

    /** Produces {@code count} postings (key = unit, as the contract says); answers the postings each ledger must then hold. */
    private Map<String, Long> produce(long count, List<String> units, boolean skewed) throws Exception {
        Map<String, Long> expected = postingCounts(units);
        Properties p = new Properties();
        p.putAll(stack.kafkaClient(LocalStack.KAFKA_POSTER));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < count; i++) {
                String unit = BenchPostings.pick(units, skewed);
                expected.merge(unit, 1L, Long::sum);
                producer.send(new ProducerRecord<>(POSTINGS_TOPIC, unit, postings.next(unit)), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            report.note(failed.get() + " Kafka records were not acknowledged (the waits below will fall short)");
        }
        return expected;
    }

    /**
     * Seconds from {@code t0} until every ledger holds its expected postings; gives up when the counts have not moved
     * for a minute, or after the patience (then the figure is for what was recorded, and a note says so).
     */
    private double awaitRecorded(Map<String, Long> expected, long t0) throws Exception {
        long end = System.nanoTime() + settings.patience().toNanos();
        long last = -1;
        long movedAt = System.nanoTime();
        while (true) {
            Map<String, Long> counts = postingCounts(expected.keySet());
            if (expected.entrySet().stream().allMatch(e -> counts.get(e.getKey()) >= e.getValue())) {
                return (System.nanoTime() - t0) / 1e9;
            }
            long total = sum(counts);
            if (total != last) {
                last = total;
                movedAt = System.nanoTime();
            }
            if (System.nanoTime() > end
                    || System.nanoTime() - movedAt > Duration.ofMinutes(1).toNanos()) {
                report.note("recorded postings stopped short: " + total + " of " + sum(expected) + " held after "
                        + (System.nanoTime() - t0) / 1_000_000_000 + " s");
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(expected.size() > 20 ? 1_000 : 100);
        }
    }

    // ---- 5. projection lag at a steady rate
    // --------------------------------------------------------------------------

    /** A batch sent during the lag step: when it went out, and the positions that make it visible. */
    record Pending(long sentAt, Map<String, Long> next) {}

    /**
     * A REST batch of {@code lagBatch} every lagBatch/lagRate seconds from a scheduler (handed to a pool of senders, so
     * a slow answer does not delay the next tick) for {@code lagSeconds}; every 100 ms the projection's positions are
     * sampled and each answered batch is timed until the projection includes it. Ticks the senders could not take up
     * in time are dropped at the end and counted: the achieved rate says what the system sustained.
     */
    private void projectionLag() throws Exception {
        int batch = settings.i("lagBatch");
        int rate = settings.i("lagRate");
        long seconds = settings.i("lagSeconds");
        ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        Map<String, Long> sentNext = new ConcurrentHashMap<>(nextSequences(load));
        AtomicLong recorded = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ThreadPoolExecutor senders = new ThreadPoolExecutor(
                settings.i("lagSenders"), settings.i("lagSenders"), 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        List<Long> delays = new ArrayList<>();
        List<Long> behind = new ArrayList<>();
        CpuAccount.Snapshot cpu0 = cpu.snapshot();
        long t0 = System.nanoTime();
        long stopAt = t0 + seconds * 1_000_000_000L;
        ticker.scheduleAtFixedRate(
                () -> senders.execute(() -> {
                    long sent = System.nanoTime();
                    BatchAnswer a = postBatch(batch, load, true);
                    recorded.addAndGet(a.recorded());
                    rejected.addAndGet(a.rejected());
                    lastAnswer.set(System.nanoTime());
                    a.next().forEach((k, v) -> sentNext.merge(k, v, Math::max));
                    if (a.problem() != null) {
                        keep(problems, a.problem());
                    }
                    pending.add(new Pending(sent, a.next()));
                }),
                0,
                batch * 1_000_000_000L / rate,
                TimeUnit.NANOSECONDS);
        long firstSample = -1;
        long firstApplied = 0;
        long lastSample = 0;
        long lastApplied = 0;
        long dropped = 0;
        long end = stopAt + settings.patience().toNanos();
        while (System.nanoTime() < end) {
            if (firstSample > 0 && System.nanoTime() >= stopAt && !ticker.isShutdown()) {
                ticker.shutdown();
                List<Runnable> late = new ArrayList<>();
                senders.getQueue().drainTo(late);
                dropped = (long) late.size() * batch;
                senders.shutdown();
            }
            Map<String, Long> pos = positions(load);
            long now = System.nanoTime();
            long applied = sum(pos);
            if (firstSample < 0) {
                firstSample = now;
                firstApplied = applied;
            }
            lastSample = now;
            lastApplied = applied;
            behind.add(load.stream()
                    .mapToLong(u -> Math.max(0, sentNext.getOrDefault(u, 0L) - pos.get(u)))
                    .sum());
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.next().entrySet().stream().allMatch(e -> pos.get(e.getKey()) >= e.getValue())) {
                    delays.add(now - p.sentAt());
                    it.remove();
                }
            }
            if (ticker.isShutdown() && senders.isTerminated() && pending.isEmpty()) {
                break;
            }
            Thread.sleep(Math.max(0, 100 - (System.nanoTime() - now) / 1_000_000));
        }
        ticker.shutdownNow();
        senders.shutdownNow();
        double sendWindow = (lastAnswer.get() - t0) / 1e9;
        BenchReport.Latency lag = BenchReport.Latency.ofNanos(delays);
        report.add(
                "projection",
                "steady load: achieved send rate (target " + rate + "/s, REST batch of " + batch + ")",
                BenchReport.rate(recorded.get() / sendWindow) + " postings",
                recorded.get() + " recorded in " + String.format("%.1f s", sendWindow)
                        + (dropped > 0
                                ? "; " + dropped + " postings not sent: the senders fell behind the target rate"
                                : "")
                        + (rejected.get() > 0 ? "; " + rejected.get() + " not recorded, e.g. " + problems : ""));
        report.add(
                "projection",
                "steady load: time from send until visible in the cells",
                lag.text(),
                lag.count() + " batches"
                        + (pending.isEmpty() ? "" : ", " + pending.size() + " never visible within the patience"));
        long[] sortedBehind =
                behind.stream().mapToLong(Long::longValue).sorted().toArray();
        report.add(
                "projection",
                "steady load: events sent but not yet applied (sampled every 100 ms)",
                "p50 " + BenchReport.Latency.pct(sortedBehind, 0.5) + ", p99 "
                        + BenchReport.Latency.pct(sortedBehind, 0.99) + ", max "
                        + sortedBehind[sortedBehind.length - 1],
                null);
        report.add(
                "projection",
                "steady load: events applied",
                BenchReport.rate((lastApplied - firstApplied) / ((lastSample - firstSample) / 1e9)) + " events",
                "mean from the first sample until everything sent was visible");
        report.add("cpu", "steady load, until visible", cpu.perOperation(cpu0, recorded.get(), "posting"), null);
    }

    // ---- 6. queries -------------------------------------------------------------------------------------------------

    record Hammer(BenchReport.Latency latency, long failed, double seconds, List<String> problems) {
        double perSecond() {
            return latency.count() / seconds;
        }

        String note() {
            return latency.count() + " requests in " + String.format("%.1f s", seconds) + failures(failed, problems);
        }
    }

    private void queries() throws Exception {
        String base = stack.projectionUrl() + "/api/v1/final-accounts/";
        int threads = settings.i("queryThreads");
        CpuAccount.Snapshot cpu0 = cpu.snapshot();
        // half consolidated (a department: its units summed), half one unit alone
        Hammer cells = hammer(
                threads,
                settings.i("querySeconds"),
                r -> r.nextBoolean()
                        ? base + departments.get(r.nextInt(departments.size())) + "/" + BenchPostings.YEAR + "/cells"
                        : base + ledgers.get(r.nextInt(ledgers.size())) + "/" + BenchPostings.YEAR
                                + "/cells?scope=self");
        report.add(
                "queries",
                "GET cells, " + threads + " readers (consolidated and per unit)",
                cells.latency().text(),
                BenchReport.rate(cells.perSecond()) + " requests; " + cells.note());
        report.add(
                "cpu",
                "GET cells, " + threads + " readers",
                cpu.perOperation(cpu0, cells.latency().count(), "request"),
                null);
        int reportThreads = settings.i("reportThreads");
        CpuAccount.Snapshot cpu1 = cpu.snapshot();
        Hammer json = hammer(
                reportThreads,
                settings.i("reportSeconds"),
                r -> base + departments.get(r.nextInt(departments.size())) + "/" + BenchPostings.YEAR);
        report.add(
                "queries",
                "GET the disclosure (JSON), " + reportThreads + " readers",
                json.latency().text(),
                BenchReport.rate(json.perSecond()) + " requests; " + json.note());
        report.add(
                "cpu",
                "GET the disclosure, " + reportThreads + " readers",
                cpu.perOperation(cpu1, json.latency().count(), "request"),
                null);
        String hot = ledgers.get(0);
        long held = ledgerState(hot).path("postings").asLong();
        String url = base + hot + "/" + BenchPostings.YEAR + "/cells?scope=self&asOf="
                + URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8);
        List<Long> nanos = new ArrayList<>();
        long failed = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < settings.i("asOfRepeats"); i++) {
            long s = System.nanoTime();
            Http.Answer a = http.send("GET", url, keys.get("LEDGER_VIEWER_KEY"), null, REQUEST_TIMEOUT);
            if (a.status() == 200) {
                nanos.add(System.nanoTime() - s);
            } else {
                failed++;
                problems.add("HTTP " + a.status() + " " + abbreviate(a.body()));
            }
        }
        report.add(
                "queries",
                "GET cells ?asOf (middle of the load), one reader, ledger of " + held + " postings",
                BenchReport.Latency.ofNanos(nanos).text(),
                nanos.size() + " requests" + failures(failed, problems));
    }

    /** {@code threads} readers GET what {@code urls} picks for {@code seconds}, with the viewer key. */
    private Hammer hammer(int threads, long seconds, Function<ThreadLocalRandom, String> urls)
            throws InterruptedException {
        return hammer(
                "reader",
                threads,
                seconds,
                200,
                r -> http.send("GET", urls.apply(r), keys.get("LEDGER_VIEWER_KEY"), null, REQUEST_TIMEOUT),
                a -> {});
    }

    interface Call {
        Http.Answer send(ThreadLocalRandom random) throws Exception;
    }

    /** {@code threads} clients make {@code call} back to back for {@code seconds}; the latency of each expected answer. */
    private Hammer hammer(
            String name, int threads, long seconds, int expected, Call call, Consumer<Http.Answer> onExpected)
            throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(daemon(name + "-" + i, () -> {
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        Http.Answer a = call.send(ThreadLocalRandom.current());
                        if (a.status() == expected) {
                            latencies.add(System.nanoTime() - s);
                            onExpected.accept(a);
                        } else {
                            failed.incrementAndGet();
                            keep(problems, "HTTP " + a.status() + " " + abbreviate(a.body()));
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        keep(problems, e.toString());
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return new Hammer(
                BenchReport.Latency.ofNanos(latencies),
                failed.get(),
                (System.nanoTime() - t0) / 1e9,
                new ArrayList<>(problems));
    }

    // ---- 7. rebuild -------------------------------------------------------------------------------------------------

    /**
     * Tops the store up to {@code rebuildEvents} events over many ledgers by the faster ingest path measured above,
     * waits until the projection has them all (so the live projection does not compete), then times a rebuild.
     */
    private void rebuild() throws Exception {
        long target = settings.i("rebuildEvents");
        long held = sum(nextSequences(all()));
        if (held < target) {
            topUp(target, "rebuild");
        } else {
            report.note("the store already held " + held + " events, at least rebuildEvents " + target + ": no top-up");
        }
        String key = keys.get("LEDGER_AUDITOR_KEY");
        String url = stack.projectionUrl() + "/api/v1/admin/rebuild";
        Instant asked = Instant.now();
        CpuAccount.Snapshot cpu0 = cpu.snapshot();
        long t0 = System.nanoTime();
        Http.Answer started = http.patiently("POST", url, key, null, settings.patience());
        if (started.status() != 202 && started.status() != 200) {
            throw new IllegalStateException("rebuild: HTTP " + started.status() + " " + started.body());
        }
        long end = t0 + settings.patience().toNanos();
        long reported = t0;
        JsonNode status = started.json();
        while (System.nanoTime() < end) {
            status = http.getJson(url, key, settings.patience());
            if (!status.path("running").asBoolean()
                    && status.hasNonNull("finishedAt")
                    && Instant.parse(status.get("finishedAt").asText()).isAfter(asked)) {
                break;
            }
            if (System.nanoTime() - reported > 10_000_000_000L) {
                reported = System.nanoTime();
                say("rebuild: " + status.path("eventsDone").asLong() + " of "
                        + status.path("eventsTotal").asLong() + " events, "
                        + status.path("phase").asText());
            }
            Thread.sleep(500);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!"done".equals(status.path("phase").asText())) {
            throw new IllegalStateException("the rebuild did not finish within " + settings.patience() + ": " + status);
        }
        long done = status.path("eventsDone").asLong();
        if (profiler != null) {
            // the rebuild alone, without the top-up before it
            profiler.slice("rebuild only", asked, Instant.now())
                    .forEach(hot -> report.add("profile", "rebuild only: hottest methods", hot, null));
        }
        report.add(
                "rebuild",
                "rebuild of every projection from the event store",
                BenchReport.rate(done / wall) + " events",
                done + " events (of " + status.path("eventsTotal").asLong() + ") in " + String.format("%.1f s", wall)
                        + "; the service reports "
                        + Math.round(status.path("eventsPerSecond").asDouble()) + "/s");
        report.add("cpu", "rebuild", cpu.perOperation(cpu0, done, "event"), null);
    }

    /** Fills the store up to {@code target} events over many ledgers by the faster ingest path, until all are visible. */
    private void topUp(long target, String section) throws Exception {
        if (topUpLedgers.isEmpty()) {
            for (int i = 1; i <= settings.i("topUpLedgers"); i++) {
                String unit = String.format("BM-R%03d", i);
                register(unit, null);
                topUpLedgers.add(unit);
            }
            fund(topUpLedgers);
        }
        long need = target - sum(nextSequences(all()));
        if (need <= 0) {
            return;
        }
        boolean viaKafka = kafkaRate > restBatchRate;
        long t0 = System.nanoTime();
        if (viaKafka) {
            awaitRecorded(produce(need, all(), false), t0);
        } else {
            Batches b = restBatches(need, settings.i("batchSize"), settings.i("batchThreads"), all(), false);
            if (b.rejected() > 0) {
                report.note("top-up: " + b.rejected() + " postings not recorded, e.g. " + b.problems());
            }
        }
        double recorded = (System.nanoTime() - t0) / 1e9;
        double visible = awaitVisible(nextSequences(all()), t0);
        report.add(
                section,
                "top-up of " + need + " postings over " + all().size() + " ledgers via "
                        + (viaKafka ? "Kafka" : "REST batch"),
                BenchReport.rate(need / recorded) + " postings",
                String.format("recorded in %.1f s, visible after %.1f s", recorded, visible));
    }

    /**
     * How large a store single posts stay fast in: the store is topped up in doubling steps (from growthFromEvents to
     * growthMaxEvents) and one client's single posts are measured after each, until their p99 passes growthP99Millis.
     */
    private void growth() throws Exception {
        for (long size = settings.i("growthFromEvents"); size <= settings.i("growthMaxEvents"); size *= 2) {
            topUp(size, "growth");
            long events = storeEvents();
            long biggest = 0;
            for (String ledger : all()) {
                biggest = Math.max(biggest, ledgerState(ledger).path("postings").asLong());
            }
            Hammer h = hammer(
                    "single",
                    1,
                    settings.i("growthSeconds"),
                    201,
                    r -> postSingle(BenchPostings.pick(load, true)),
                    a -> {});
            BenchReport.Latency l = h.latency();
            report.add(
                    "growth",
                    "REST single, 1 client, store holding " + events + " events (largest ledger " + biggest
                            + " postings)",
                    l.text(),
                    BenchReport.rate(h.perSecond()) + " postings" + failures(h.failed(), h.problems()));
            if (l.p99() > settings.i("growthP99Millis")) {
                report.note("growth: a single post's p99 passed " + settings.i("growthP99Millis") + " ms at " + events
                        + " events");
                return;
            }
        }
        report.note("growth: a single post's p99 stayed within " + settings.i("growthP99Millis") + " ms up to "
                + storeEvents() + " events");
    }

    private List<String> all() {
        List<String> all = new ArrayList<>(ledgers);
        all.addAll(topUpLedgers);
        return all;
    }

    // ---- 8. memory --------------------------------------------------------------------------------------------------

    private void memory() throws Exception {
        Map<String, String> actuator =
                Map.of(LocalStack.LEDGER, stack.ledgerUrl(), LocalStack.PROJECTION, stack.projectionUrl());
        for (String component : List.of(LocalStack.STORE, LocalStack.KAFKA, LocalStack.LEDGER, LocalStack.PROJECTION)) {
            long pid = stack.pid(component);
            if (pid < 0) {
                report.add("memory", component, "not running", null);
                continue;
            }
            String rss = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring(6).trim())
                    .findFirst()
                    .orElse("?");
            String heap;
            if (actuator.containsKey(component)) {
                JsonNode m = http.getJson(
                        actuator.get(component) + "/actuator/metrics/jvm.memory.used?tag=area:heap",
                        keys.get("LEDGER_VIEWER_KEY"),
                        Duration.ofMinutes(1));
                heap = mb(m.path("measurements").path(0).path("value").asDouble()) + " (actuator)";
            } else {
                heap = heapByJcmd(pid);
            }
            report.add(
                    "memory",
                    component + " (pid " + pid + ", -Xmx " + heapSetting(component) + ")",
                    "RSS " + mb(kb(rss) * 1024.0) + ", heap used " + heap,
                    null);
        }
    }

    private String heapSetting(String component) {
        return switch (component) {
            case LocalStack.STORE -> stack.env.get("LEDGER_STORE_HEAP");
            case LocalStack.KAFKA -> stack.env.get("LEDGER_KAFKA_HEAP");
            case LocalStack.LEDGER -> stack.env.get("LEDGER_SERVICE_HEAP");
            default -> stack.env.get("PROJECTION_SERVICE_HEAP");
        };
    }

    /** The store and the broker have no actuator: jcmd GC.heap_info (the "used" of the whole heap, or of each generation). */
    private static String heapByJcmd(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "(heap|generation|Gen)\\s+total \\d+K, used (\\d+)K")
                    .matcher(out);
            long used = 0;
            while (m.find()) {
                used += Long.parseLong(m.group(2));
                if (m.group(1).equals("heap")) {
                    break; // G1: the first line is the whole heap
                }
            }
            return used == 0 ? "? (jcmd: " + abbreviate(out) + ")" : mb(used * 1024.0) + " (jcmd GC.heap_info)";
        } catch (IOException | InterruptedException e) {
            return "? (" + e + ")";
        }
    }

    private static long kb(String vmRss) {
        return Long.parseLong(vmRss.replaceAll("[^0-9]", ""));
    }

    private static String mb(double bytes) {
        return String.format("%,.0f MB", bytes / 1024 / 1024);
    }

    // ---- reading the system -----------------------------------------------------------------------------------------

    private JsonNode ledgerState(String unit) throws Exception {
        // asked of the instance that writes the ledger: another would first catch its cached copy up from the store
        return http.getJson(
                router().urlFor(unit) + "/api/v1/units/" + unit + "/years/" + BenchPostings.YEAR + "/ledger",
                keys.get("LEDGER_VIEWER_KEY"),
                settings.patience());
    }

    private Map<String, Long> postingCounts(Collection<String> units) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String u : units) {
            counts.put(u, ledgerState(u).path("postings").asLong());
        }
        return counts;
    }

    private Map<String, Long> nextSequences(Collection<String> units) throws Exception {
        Map<String, Long> next = new LinkedHashMap<>();
        for (String u : units) {
            next.put(u, ledgerState(u).path("nextSequence").asLong());
        }
        return next;
    }

    /** Events the projection has applied for each unit's own ledger (-1 while it knows none). */
    private Map<String, Long> positions(Collection<String> units) throws Exception {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String u : units) {
            Http.Answer a = http.send(
                    "GET",
                    stack.projectionUrl() + "/api/v1/final-accounts/" + u + "/" + BenchPostings.YEAR
                            + "/cells?scope=self",
                    keys.get("LEDGER_VIEWER_KEY"),
                    null,
                    REQUEST_TIMEOUT);
            positions.put(u, a.status() == 200 ? a.json().path("position").asLong() : -1L);
        }
        return positions;
    }

    /**
     * Seconds from {@code t0} until the projection's position of every ledger reached its target; if the patience runs
     * out, the time until then, and a note.
     */
    private double awaitVisible(Map<String, Long> targets, long t0) throws Exception {
        long end = System.nanoTime() + settings.patience().toNanos();
        Set<String> waiting = new HashSet<>(targets.keySet());
        while (!waiting.isEmpty()) {
            Map<String, Long> pos = positions(waiting);
            waiting.removeIf(u -> pos.get(u) >= targets.get(u));
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > end) {
                    report.note(
                            "the projection did not catch up within " + settings.patience() + ": behind on " + waiting);
                    break;
                }
                Thread.sleep(waiting.size() > 20 ? 500 : 100);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    // ---- small things -----------------------------------------------------------------------------------------------

    private static String unitOf(String ledger) {
        int colon = ledger.indexOf(':');
        return colon < 0 ? ledger : ledger.substring(0, colon);
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Keeps the first few problems of a step for the report. */
    private static void keep(Collection<String> problems, String problem) {
        if (problems.size() < 3) {
            problems.add(abbreviate(problem));
        }
    }

    private static String failures(long failed, Collection<String> problems) {
        return failed == 0 ? "" : "; " + failed + " failed, e.g. " + problems;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private void say(String line) {
        System.out.println("[bench " + backend + "] " + line);
    }

    private static Thread daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
