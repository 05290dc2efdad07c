package org.budgetledger.system.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The whole system as {@code bin/ledger-local} runs it, in a LEDGER_HOME and on free ports of the harness's choosing.
 * Kills go to the pids the script keeps in {@code $LEDGER_HOME/run/<component>.pid}, and only after checking that the
 * process carries the script's markers for this component and this home.
 */
public final class LocalStack {

    static final String STORE = "store";
    static final String KAFKA = "kafka";
    static final String LEDGER = "ledger-service";
    static final String PROJECTION = "projection-service";

    record Result(int exit, String output) {}

    final Path repo;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    private final Path scriptLog;
    final java.util.List<String> jarInfo = new java.util.ArrayList<>();

    final List<String> ledgers;
    final List<String> projections;

    LocalStack(Path repo, Path home, String backend) throws IOException {
        this(repo, home, backend, 1, 1);
    }

    /** A stack of {@code ledgerInstances} ledger-service and {@code projectionInstances} projection-service instances. */
    LocalStack(Path repo, Path home, String backend, int ledgerInstances, int projectionInstances) throws IOException {
        this.repo = repo;
        this.home = home.toAbsolutePath();
        Files.createDirectories(this.home);
        this.scriptLog = this.home.resolve("ledger-local.out");
        Set<Integer> taken = new HashSet<>();
        env.put("LEDGER_HOME", this.home.toString());
        env.put("LEDGER_STORE_PORT", String.valueOf(freePort(taken)));
        env.put("LEDGER_KAFKA_PORT", String.valueOf(freePort(taken)));
        env.put("LEDGER_KAFKA_CONTROLLER_PORT", String.valueOf(freePort(taken)));
        this.ledgers = instances(LEDGER, ledgerInstances, "LEDGER_SERVICE", taken);
        this.projections = instances(PROJECTION, projectionInstances, "PROJECTION_SERVICE", taken);
        env.put("LEDGER_STORE_BACKEND", backend);
        env.put("LEDGER_START_TIMEOUT", "600");
        // the harness expects a posting short of funds in the DLQ at once, as its plan says; holding it first is
        // ParkedRedriveTest's (ledger-service)
        env.put("LEDGER_HOLD_WINDOW", "0s");
        // The services run from copies: a build elsewhere that rewrites target/*.jar under a running JVM makes it fail
        // with NoClassDefFoundError (seen), and every restart of the run must start the same code.
        Path jars = Files.createDirectories(this.home.resolve("jars"));
        for (String[] jar : new String[][] {
            {"LEDGER_SERVICE_JAR", "ledger-service/target/ledger-service.jar"},
            {"PROJECTION_SERVICE_JAR", "projection-service/target/projection-service.jar"}
        }) {
            Path source = repo.resolve(jar[1]);
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException(
                        source + " is missing: build the services first (mvn install -DskipTests)");
            }
            Path copy = jars.resolve(source.getFileName());
            Files.copy(
                    source,
                    copy,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            env.put(jar[0], copy.toString());
            this.jarInfo.add(source.getFileName() + " built " + Files.getLastModifiedTime(source));
        }
        env.put("LEDGER_STOP_TIMEOUT", "60");
    }

    /** The instances' names (ledger-service, ledger-service-2, ...), each on a free port of its own. */
    private List<String> instances(String base, int count, String variable, Set<Integer> taken) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        List<String> ports = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(i == 1 ? base : base + "-" + i);
            ports.add(String.valueOf(freePort(taken)));
        }
        env.put(variable + "_INSTANCES", String.valueOf(count));
        env.put(variable + "_PORT", ports.get(0));
        env.put(variable + "_PORTS", String.join(",", ports));
        return List.copyOf(names);
    }

    /** The first ledger-service instance (readers use it; senders use them all). */
    String ledgerUrl() {
        return ledgerUrls().get(0);
    }

    List<String> ledgerUrls() {
        return java.util.Arrays.stream(env.get("LEDGER_SERVICE_PORTS").split(","))
                .map(p -> "http://127.0.0.1:" + p)
                .toList();
    }

    String projectionUrl() {
        return "http://127.0.0.1:" + env.get("PROJECTION_SERVICE_PORT");
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + env.get("LEDGER_KAFKA_PORT");
    }

    /** The payment system's principal of the local stack: it may write ledger.postings and nothing else. */
    static final String KAFKA_POSTER = "poster";
    /** The broker's super user: what an operator's tools (and the harness's checks) read and administer with. */
    static final String KAFKA_OPERATOR = "broker";

    /** Client settings that authenticate to the stack's broker as {@code principal} (KAFKA_POSTER or KAFKA_OPERATOR). */
    java.util.Properties kafkaClient(String principal) throws IOException {
        return kafkaClient(home, principal);
    }

    /**
     * The settings bin/ledger-local wrote for {@code principal} into a LEDGER_HOME ({@code kafka/poster.properties},
     * what the README gives a payment system; {@code kafka/broker.properties}, an operator's tools).
     */
    public static java.util.Properties kafkaClient(Path home, String principal) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(home.resolve("kafka").resolve(principal + ".properties"))) {
            p.load(in);
        }
        return p;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + env.get("LEDGER_STORE_PORT");
    }

    Path logs() {
        return home.resolve("logs");
    }

    /** Starts what is not running and returns when both services report UP. */
    void start() throws IOException, InterruptedException {
        Result r = run("start", Duration.ofMinutes(12));
        if (r.exit() != 0) {
            throw new IllegalStateException("bin/ledger-local start failed (exit " + r.exit() + "):\n" + r.output());
        }
    }

    Result stop() throws IOException, InterruptedException {
        return run("stop", Duration.ofMinutes(5));
    }

    /** bin/ledger-local runs under way (a start after a fault, say): a stop from outside ends them first. */
    private final Set<Process> scripts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Result run(String command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "ledger-local-" + command, ".out");
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("bin/ledger-local").toString(), command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        scripts.add(p);
        try {
            return finish(command, p, out, timeout);
        } finally {
            scripts.remove(p);
        }
    }

    /**
     * Stops everything the run started, whatever is under way: a start still running is ended first (else it could
     * start a component after the stop), then bin/ledger-local stop.
     */
    Result stopAll() throws IOException, InterruptedException {
        for (Process p : List.copyOf(scripts)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return stop();
    }

    private Result finish(String command, Process p, Path out, Duration timeout)
            throws IOException, InterruptedException {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("bin/ledger-local " + command + " did not finish within " + timeout + ": "
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        Files.writeString(
                scriptLog,
                "=== " + Instant.now() + " bin/ledger-local " + command + " (exit " + p.exitValue() + ")\n" + output
                        + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return new Result(p.exitValue(), output);
    }

    Map<String, String> credentials() throws IOException {
        return credentials(home);
    }

    /** The API keys bin/ledger-local generated into a LEDGER_HOME (credentials.env). */
    public static Map<String, String> credentials(Path home) throws IOException {
        Map<String, String> keys = new HashMap<>();
        for (String line : Files.readAllLines(home.resolve("credentials.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                keys.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return keys;
    }

    /** The component's pid if it runs and is ours (the script's markers on its command line), else -1. */
    long pid(String component) throws IOException {
        Path file = home.resolve("run").resolve(component + ".pid");
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        String text = Files.readString(file).trim();
        if (!text.matches("\\d+")) {
            return -1;
        }
        long pid = Long.parseLong(text);
        if (!alive(pid)) {
            return -1;
        }
        Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
        String cmd = Files.isReadable(cmdline)
                ? new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ')
                : "";
        if (!cmd.contains("-Dbudgetledger.component=" + component + " ")
                || !cmd.contains("-Dbudgetledger.home=" + home + " ")) {
            return -1;
        }
        return pid;
    }

    /** SIGKILL: no shutdown hook, no flush. Waits until the process is gone. */
    long kill(String component) throws IOException, InterruptedException {
        return signal(component, "KILL", Duration.ofSeconds(30));
    }

    private long signal(String component, String signal, Duration wait) throws IOException, InterruptedException {
        long pid = pid(component);
        if (pid < 0) {
            throw new IllegalStateException(component + " is not running");
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                .redirectErrorStream(true)
                .start();
        kill.waitFor();
        long end = System.nanoTime() + wait.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(
                        component + " (pid " + pid + ") still alive " + wait + " after SIG" + signal);
            }
            Thread.sleep(50);
        }
        return pid;
    }

    /** Alive and not a zombie (an exited process its parent has not reaped yet is gone for our purposes). */
    static boolean alive(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("State:")) {
                    return !line.contains("Z") && !line.contains("X");
                }
            }
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    private static int freePort(Set<Integer> taken) throws IOException {
        while (true) {
            int port = Ports.free();
            if (taken.add(port)) {
                return port;
            }
        }
    }
}
