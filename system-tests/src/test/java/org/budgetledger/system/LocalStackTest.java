package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.budgetledger.system.harness.LocalStack;
import org.budgetledger.system.harness.Ports;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: bin/ledger-local runs the whole system (store, Kafka, both services, each its own
 * JVM) on ports and a LEDGER_HOME of this test's choosing; start twice starts nothing twice; data survives
 * stop and start. Here with two instances of each service, as a user tries scale-out on one machine: status shows
 * each on its own line, the demo loads the seed's office through them, and stop stops them all.
 */
class LocalStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static Map<String, String> env;
    /** A key issued through bin/ledger-local, scoped to one unit: kept by the backup, revoked after the restore. */
    private static String scopedKey;

    private static String scopedKeyId;

    @AfterAll
    static void stopEverything() throws Exception {
        if (env != null) {
            run("stop");
        }
    }

    @Test
    void startsTheWholeSystemOnceAndKeepsItsDataAcrossStopAndStart() throws Exception {
        Path home = Path.of(
                        System.getProperty("work.dir", "target/work"),
                        "local-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        env = new HashMap<>();
        env.put("LEDGER_HOME", home.toString());
        env.put("LEDGER_STORE_PORT", String.valueOf(Ports.free()));
        env.put("LEDGER_KAFKA_PORT", String.valueOf(Ports.free()));
        env.put("LEDGER_KAFKA_CONTROLLER_PORT", String.valueOf(Ports.free()));
        List<String> ledgerPorts = List.of(String.valueOf(Ports.free()), String.valueOf(Ports.free()));
        List<String> projectionPorts = List.of(String.valueOf(Ports.free()), String.valueOf(Ports.free()));
        env.put("LEDGER_SERVICE_INSTANCES", "2");
        env.put("PROJECTION_SERVICE_INSTANCES", "2");
        env.put("LEDGER_SERVICE_PORT", ledgerPorts.get(0));
        env.put("PROJECTION_SERVICE_PORT", projectionPorts.get(0));
        env.put("LEDGER_SERVICE_PORTS", String.join(",", ledgerPorts));
        env.put("PROJECTION_SERVICE_PORTS", String.join(",", projectionPorts));
        env.put("LEDGER_SERVICE_HEAP", "384m");
        env.put("PROJECTION_SERVICE_HEAP", "256m");
        env.put("LEDGER_STORE_HEAP", "384m");
        String ledger = "http://127.0.0.1:" + ledgerPorts.get(0);
        String ledger2 = "http://127.0.0.1:" + ledgerPorts.get(1);

        Result started = run("start");
        assertThat(started.exit).as(started.output).isZero();
        assertThat(started.output)
                .contains("localhost:" + ledgerPorts.get(1), "localhost:" + projectionPorts.get(1), "Logs");
        Result again = run("start");
        assertThat(again.exit).as(again.output).isZero();
        assertThat(again.output).contains("already running");
        Result status = run("status");
        assertThat(status.exit).as(status.output).isZero();
        for (String[] line : new String[][] {
            {"ledger-service ", ledgerPorts.get(0)},
            {"ledger-service-2 ", ledgerPorts.get(1)},
            {"projection-service ", projectionPorts.get(0)},
            {"projection-service-2 ", projectionPorts.get(1)}
        }) {
            assertThat(status.output)
                    .as(status.output)
                    .containsPattern("(?m)^" + line[0] + " *running  pid \\d+, port " + line[1] + ", health UP$");
        }

        // one key per role, generated on first start, kept in LEDGER_HOME and printed once
        Map<String, String> keys = LocalStack.credentials(home);
        assertThat(keys.keySet())
                .contains("LEDGER_ADMIN_KEY", "LEDGER_POSTER_KEY", "LEDGER_AUDITOR_KEY", "LEDGER_VIEWER_KEY");
        assertThat(started.output).contains(keys.get("LEDGER_ADMIN_KEY"));
        assertThat(again.output).doesNotContain(keys.get("LEDGER_ADMIN_KEY"));
        assertThat(call("GET", ledger + "/api/v1/catalogues", null, null).statusCode())
                .isEqualTo(401);

        // the README's demo, through the running instances: the seed's office, and table 01 once the projection has it
        // all
        Fixtures hetang = Fixtures.of(Fixtures.HETANG);
        Result demo = run("demo");
        assertThat(demo.exit).as(demo.output).isZero();
        assertThat(demo.output).contains("公开01", "/report", "/workspace/HT-CAC/2019", "/workspace/DEMO-WLJ/2020");
        // the parked postings and their re-drive, as an operator would ask (nothing parked by the demo)
        Result parked = run("parked");
        assertThat(parked.exit).as(parked.output).isZero();
        assertThat(parked.output).contains("\"count\":0");
        Result redriven = run("redrive", "all");
        assertThat(redriven.exit).as(redriven.output).isZero();
        assertThat(redriven.output).contains("\"results\":[]");
        assertThat(run("redrive").exit).isNotZero();
        // a key for one unit, issued with the script: it reads its unit, not another; the backup keeps it (below)
        Result issued = run("keys", "issue", "VIEWER", "DEMO-WLJ-ZFDD", "执法大队 财务室");
        assertThat(issued.exit).as(issued.output).isZero();
        JsonNode issuedKey = JSON.readTree(
                issued.output.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        scopedKey = issuedKey.get("key").asText();
        scopedKeyId = issuedKey.get("id").asText();
        assertThat(call("GET", ledger + "/api/v1/units/DEMO-WLJ-ZFDD/years/2020", null, scopedKey)
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("GET", ledger + "/api/v1/units/HT-CAC/years/2019", null, scopedKey)
                        .statusCode())
                .isEqualTo(403);
        assertThat(run("keys").output).contains(scopedKeyId, "执法大队 财务室").doesNotContain(scopedKey);
        assertThat(run("keys", "issue", "READER", "*", "x").exit)
                .as("an unknown role")
                .isNotZero();
        assertThat(call(
                                "GET",
                                "http://127.0.0.1:" + projectionPorts.get(0)
                                        + "/api/v1/final-accounts/DEMO-WLJ/2020/cells",
                                null,
                                keys.get("LEDGER_VIEWER_KEY"))
                        .statusCode())
                .as("the demo department is loaded too")
                .isEqualTo(200);
        JsonNode viaSecond = JSON.readTree(
                call("GET", ledger2 + "/api/v1/units/HT-CAC/years/2019/ledger", null, keys.get("LEDGER_VIEWER_KEY"))
                        .body());
        assertThat(viaSecond.get("postings").asInt())
                .as("the other instance knows the ledger too")
                .isEqualTo(hetang.postings().size());
        for (String port : projectionPorts) { // the demo waited for the first; both read the same figures
            JsonNode cells = JSON.readTree(call(
                            "GET",
                            "http://127.0.0.1:" + port + "/api/v1/final-accounts/HT-CAC/2019/cells",
                            null,
                            keys.get("LEDGER_VIEWER_KEY"))
                    .body());
            assertThat(cells.get("position").asLong())
                    .as("projection on " + port)
                    .isEqualTo(viaSecond.get("nextSequence").asLong());
        }

        Map<String, JsonNode> figures = new java.util.LinkedHashMap<>();
        for (String unit : List.of("HT-CAC/2019", "DEMO-WLJ/2020")) { // the figures the backup must bring back
            figures.put(unit, cellsOf("http://127.0.0.1:" + projectionPorts.get(0), unit, keys));
        }
        Result stopped = run("stop");
        assertThat(stopped.exit).as(stopped.output).isZero();
        assertThat(run("status").exit).isNotZero();

        // a backup of the stopped system (the store started for it, and stopped again)
        Path backup = home.resolveSibling(home.getFileName() + "-backup.jsonl.gz");
        Result backedUp = run("backup", backup.toString());
        assertThat(backedUp.exit).as(backedUp.output).isZero();
        assertThat(backedUp.output).contains("backed up");
        assertThat(run("status").exit).as("stopped as it was").isNotZero();

        // the home wiped but for the keys, which an operator keeps apart, and restored: the start after a stop, too
        restoredIntoAnEmptyHome(home, backup, figures, ledger, "http://127.0.0.1:" + projectionPorts.get(0));
        assertThat(LocalStack.credentials(home)).as("the keys kept").isEqualTo(keys);
        JsonNode state = JSON.readTree(
                call("GET", ledger + "/api/v1/units/HT-CAC/years/2019/ledger", null, keys.get("LEDGER_VIEWER_KEY"))
                        .body());
        assertThat(state.get("postings").asInt()).isEqualTo(hetang.postings().size());

        kafkaBindsProducersToTheirSourceSystems(
                home, "127.0.0.1:" + env.get("LEDGER_KAFKA_PORT"), keys, "http://127.0.0.1:" + projectionPorts.get(0));

        // a supervisor stops the services while the broker and the store are gone: each exits promptly all the same
        signal(home, "kafka", "KILL");
        signal(home, "store", "KILL");
        for (String service :
                List.of("ledger-service", "ledger-service-2", "projection-service", "projection-service-2")) {
            ProcessHandle process = signal(home, service, "TERM");
            long start = System.nanoTime();
            assertThat(process.onExit()
                            .completeOnTimeout(null, 60, TimeUnit.SECONDS)
                            .join())
                    .as(service + " exited")
                    .isNotNull();
            System.out.printf(
                    "%s exited %.1f s after SIGTERM, without broker and store%n",
                    service, (System.nanoTime() - start) / 1e9);
        }
        assertThat(run("stop").exit).isZero();
        env = null;
    }

    /**
     * Wiped (but for credentials.env) and restored: the figures are the backup's, every ledger's hash chain verifies,
     * and a posting sent again is a DUPLICATE.
     */
    private static void restoredIntoAnEmptyHome(
            Path home, Path backup, Map<String, JsonNode> figures, String ledger, String projection) throws Exception {
        assertThat(run("status").exit).as("stopped").isNotZero();
        Path credentials = home.resolve("credentials.env");
        byte[] kept = Files.readAllBytes(credentials);
        try (java.util.stream.Stream<Path> files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
        Files.createDirectories(home);
        Files.write(credentials, kept);
        Result restored = run("restore", backup.toString());
        assertThat(restored.exit).as(restored.output).isZero();
        Map<String, String> keys = LocalStack.credentials(home);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (Map.Entry<String, JsonNode> unit : figures.entrySet()) {
            JsonNode now = cellsOf(projection, unit.getKey(), keys);
            while (!unit.getValue().equals(now) && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                now = cellsOf(projection, unit.getKey(), keys);
            }
            assertThat(now)
                    .as("the figures of " + unit.getKey() + " after the restore")
                    .isEqualTo(unit.getValue());
        }
        for (String unit : List.of("HT-CAC/2019", "DEMO-WLJ/2020", "DEMO-WLJ-WHG/2020", "DEMO-WLJ-ZFDD/2020")) {
            JsonNode verified = JSON.readTree(
                    call("GET", ledger + "/api/v1/ledgers/" + unit + "/verify", null, keys.get("LEDGER_AUDITOR_KEY"))
                            .body());
            assertThat(verified.get("intact").asBoolean())
                    .as(unit + ": " + verified)
                    .isTrue();
        }
        JsonNode again = Fixtures.of(Fixtures.HETANG).postings().get(0);
        HttpResponse<String> resent =
                call("POST", ledger + "/api/v1/postings", again.toString(), keys.get("LEDGER_POSTER_KEY"));
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(JSON.readTree(resent.body()).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(call("GET", ledger + "/api/v1/units/DEMO-WLJ-ZFDD/years/2020", null, scopedKey)
                        .statusCode())
                .as("the issued key came back with the ledger's database")
                .isEqualTo(200);
        Result revoked = run("keys", "revoke", scopedKeyId);
        assertThat(revoked.exit).as(revoked.output).isZero();
        assertThat(call("GET", ledger + "/api/v1/units/DEMO-WLJ-ZFDD/years/2020", null, scopedKey)
                        .statusCode())
                .as("revoked: the ledger that revoked it refuses it at once")
                .isEqualTo(401);
    }

    private static JsonNode cellsOf(String projection, String unitAndYear, Map<String, String> keys) throws Exception {
        return JSON.readTree(call(
                                "GET",
                                projection + "/api/v1/final-accounts/" + unitAndYear + "/cells",
                                null,
                                keys.get("LEDGER_VIEWER_KEY"))
                        .body())
                .get("cells");
    }

    /**
     * The broker as started: no client gets in without credentials; the payment system's principal writes
     * ledger.postings and not ledger.events; on its channel it posts as its own source systems only, and never as the
     * ledger's year close. Refused records are parked with the code REST answers 403 with, and nothing of them counts.
     */
    private static void kafkaBindsProducersToTheirSourceSystems(
            Path home, String bootstrap, Map<String, String> keys, String projection) throws Exception {
        Map<String, Object> anonymous =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("ledger.postings", "HT-CAC", "{}"))
                            .get(30, TimeUnit.SECONDS))
                    .as("a producer without credentials")
                    .isNotNull();
        }
        Properties poster = LocalStack.kafkaClient(home, "poster");
        poster.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        Properties wrongPassword = (Properties) poster.clone();
        wrongPassword.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"poster\" password=\"guessed\";");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(wrongPassword, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("ledger.postings", "HT-CAC", "{}"))
                            .get(30, TimeUnit.SECONDS))
                    .as("a wrong password")
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
        String forgedYearClose = kafkaPosting("year-close", "CLOSE-HT-CAC-2019-9001");
        String otherSystem = kafkaPosting("payroll", "KAFKA-OTHER-1");
        String own = kafkaPosting("treasury-payments", "KAFKA-OWN-1");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(poster, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("ledger.events", "HT-CAC", "{}"))
                            .get(30, TimeUnit.SECONDS))
                    .as("the poster writing ledger.events")
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            for (String value : List.of(forgedYearClose, otherSystem, own)) {
                producer.send(new ProducerRecord<>("ledger.postings", "HT-CAC", value))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(call(
                                        "GET",
                                        projection + "/api/v1/postings/treasury-payments/KAFKA-OWN-1",
                                        null,
                                        keys.get("LEDGER_AUDITOR_KEY"))
                                .statusCode())
                        .isEqualTo(200));
        Map<String, String> parked = parkedErrors(LocalStack.kafkaClient(home, "broker"), 2);
        assertThat(parked)
                .containsEntry("CLOSE-HT-CAC-2019-9001", "forbidden.source_system")
                .containsEntry("KAFKA-OTHER-1", "forbidden.source_system");
        assertThat(call(
                                "GET",
                                projection + "/api/v1/postings/year-close/CLOSE-HT-CAC-2019-9001",
                                null,
                                keys.get("LEDGER_AUDITOR_KEY"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(call(
                                "GET",
                                projection + "/api/v1/postings/payroll/KAFKA-OTHER-1",
                                null,
                                keys.get("LEDGER_AUDITOR_KEY"))
                        .statusCode())
                .isEqualTo(404);
    }

    private static String kafkaPosting(String sourceSystem, String postingId) {
        return JSON.createObjectNode()
                .put("postingId", postingId)
                .put("sourceSystem", sourceSystem)
                .put("unitCode", "HT-CAC")
                .put("fiscalYear", 2019)
                .put("type", "APPROPRIATION")
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", "2013701")
                .put("amount", "1.00")
                .put("occurredOn", "2019-01-02")
                .toString();
    }

    /** The DLQ as an operator reads it: posting id to the error it was parked with. */
    private static Map<String, String> parkedErrors(Properties operator, int atLeast) {
        Map<String, String> errors = new HashMap<>();
        operator.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test-" + UUID.randomUUID());
        operator.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(operator, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("ledger.postings.dlq"));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (errors.size() < atLeast && System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        errors.put(
                                JSON.readTree(r.value()).path("postingId").asText(),
                                new String(r.headers().lastHeader("error").value(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        errors.put(r.value(), "unreadable");
                    }
                }
            }
        }
        return errors;
    }

    /** Sends a signal to a component bin/ledger-local started (its pid file), and answers its process. */
    private static ProcessHandle signal(Path home, String component, String signal) throws Exception {
        long pid = Long.parseLong(Files.readString(home.resolve("run").resolve(component + ".pid"))
                .trim());
        ProcessHandle process =
                ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " is not running"));
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor();
        if (signal.equals("KILL")) {
            process.onExit().join();
        }
        return process;
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ledger-local", ".out");
        List<String> line = new java.util.ArrayList<>(
                List.of(REPO.resolve("bin/ledger-local").toString()));
        line.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(line)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "bin/ledger-local " + command + " did not finish: " + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        System.out.println("--- bin/ledger-local " + command + " (exit " + p.exitValue() + ")\n" + output);
        return new Result(p.exitValue(), output);
    }

    private static HttpResponse<String> call(String method, String url, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("X-API-Key", key);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
