package org.budgetledger.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.budgetledger.localstack.StoreServer.Backend;
import org.budgetledger.localstack.StoreServer.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreServerTest {

    @TempDir
    Path dataDir;

    @Test
    void h2StoreKeepsEveryWriteAcrossACleanRestart() throws Exception {
        Config config = new Config("127.0.0.1", 0, dataDir, Backend.H2);

        try (StoreServer store = StoreServer.start(config);
                MongoClient client = client(store.connectionString())) {
            insert(collection(client), 500);
        }
        assertThat(dataDir.resolve("ledger.mv")).isRegularFile();

        try (StoreServer store = StoreServer.start(config);
                MongoClient client = client(store.connectionString())) {
            MongoCollection<Document> postings = collection(client);
            assertThat(postings.countDocuments()).isEqualTo(500);
            assertThat(postings.find(new Document("_id", 499)).first()).containsEntry("amount", 4990L);
        }
    }

    @Test
    void memoryStoreServesTheWireProtocolAndWritesNoFile() throws Exception {
        Config config = new Config("127.0.0.1", 0, dataDir, Backend.MEMORY);

        try (StoreServer store = StoreServer.start(config);
                MongoClient client = client(store.connectionString())) {
            insert(collection(client), 100);
            assertThat(collection(client).countDocuments()).isEqualTo(100);
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    /** The way bin/ledger-local stops it: SIGTERM to its own JVM, right after the last acknowledged write. */
    @Test
    void sigtermOfTheStoreProcessKeepsTheWritesAcknowledgedJustBefore() throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("store.log");
        Path data = dataDir.resolve("store");
        Process process = startProcess(port, data, "fsync", log);
        try {
            awaitLine(log, "store listening on 127.0.0.1:" + port, process);
            try (MongoClient client = client("mongodb://127.0.0.1:" + port)) {
                insert(collection(client), 2000); // well inside the one-second checkpoint interval
            }
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("store stopped")
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("store stopped, data committed to");

        try (StoreServer store = StoreServer.start(new Config("127.0.0.1", 0, data, Backend.H2));
                MongoClient client = client(store.connectionString())) {
            assertThat(collection(client).countDocuments()).isEqualTo(2000);
        }
    }

    /**
     * A SIGKILL right after the last acknowledgement, while several clients insert, update, upsert and delete: after a
     * restart the data is exactly what the clients had read back before the kill, in both sync modes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fsync", "commit"})
    void sigkillOfTheStoreProcessLosesNoAcknowledgedWrite(String sync) throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("store.log");
        Path data = dataDir.resolve("store");
        Process process = startProcess(port, data, sync, log);
        Map<String, List<Document>> before;
        try {
            awaitLine(log, "store listening on 127.0.0.1:" + port, process);
            try (MongoClient client = client("mongodb://127.0.0.1:" + port)) {
                writeConcurrently(client, Duration.ofSeconds(3));
                before = contents(client);
            }
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("store killed").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(log)).doesNotContain("store stopped");

        try (StoreServer store = StoreServer.start(new Config("127.0.0.1", 0, data, Backend.H2));
                MongoClient client = client(store.connectionString())) {
            assertThat(before.get("events")).hasSizeGreaterThan(100);
            assertThat(contents(client)).isEqualTo(before);
        }
    }

    /** Inserts (one and many), $inc updates, upserts whose _id the server picks, and deletes, from four clients. */
    private static void writeConcurrently(MongoClient client, Duration during) throws InterruptedException {
        MongoCollection<Document> events = client.getDatabase("ledger").getCollection("events");
        MongoCollection<Document> figures = client.getDatabase("projection").getCollection("figures");
        MongoCollection<Document> marks = client.getDatabase("projection").getCollection("marks");
        long end = System.nanoTime() + during.toNanos();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(started(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    String id = writer + "-" + i;
                    if (i % 3 == 0) {
                        events.insertMany(List.of(new Document("_id", id + "a"), new Document("_id", id + "b")));
                    } else {
                        events.insertOne(new Document("_id", id).append("writer", writer));
                    }
                    figures.updateOne(
                            new Document("_id", "F" + (i % 7)),
                            new Document("$inc", new Document("cells.c" + writer, 1L)),
                            new UpdateOptions().upsert(true));
                    marks.updateOne(
                            new Document("mark", id),
                            new Document("$set", new Document("seen", true)),
                            new UpdateOptions()
                                    .upsert(true)); // the server picks this _id: the replay must pick the same
                    if (i % 5 == 4) {
                        events.deleteOne(new Document("_id", writer + "-" + (i - 1)));
                    }
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }
    }

    private static Map<String, List<Document>> contents(MongoClient client) {
        Map<String, List<Document>> all = new java.util.TreeMap<>();
        for (String[] c : new String[][] {{"ledger", "events"}, {"projection", "figures"}, {"projection", "marks"}}) {
            List<Document> docs = new ArrayList<>();
            client.getDatabase(c[0])
                    .getCollection(c[1])
                    .find()
                    .sort(new Document("_id", 1))
                    .batchSize(10_000)
                    .into(docs);
            all.put(c[1], docs);
        }
        return all;
    }

    private static Process startProcess(int port, Path data, String sync, Path log) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreServer.class.getName(),
                        "--port",
                        String.valueOf(port),
                        "--data",
                        data.toString(),
                        "--sync",
                        sync)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    @Test
    void argumentsWinOverEnvironmentWhichWinsOverDefaults() {
        Config defaults = Config.from(new String[0], Map.of());
        assertThat(defaults.port()).isEqualTo(27017);
        assertThat(defaults.bind()).isEqualTo("127.0.0.1");
        assertThat(defaults.backend()).isEqualTo(Backend.H2);
        assertThat(defaults.dataFile())
                .isEqualTo(Path.of(".ledger/store/ledger.mv").toAbsolutePath());
        assertThat(defaults.sync()).isEqualTo(WriteJournal.Sync.FSYNC);

        Map<String, String> env =
                Map.of("LEDGER_STORE_PORT", "27100", "LEDGER_STORE_BACKEND", "memory", "LEDGER_STORE_DATA", "/tmp/x");
        Config fromEnv = Config.from(new String[0], env);
        assertThat(fromEnv.port()).isEqualTo(27100);
        assertThat(fromEnv.backend()).isEqualTo(Backend.MEMORY);
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/tmp/x"));

        Config fromArgs = Config.from(
                new String[] {"--port", "27200", "--backend=h2", "--bind", "0.0.0.0", "--sync", "commit"}, env);
        assertThat(fromArgs.sync()).isEqualTo(WriteJournal.Sync.COMMIT);
        assertThat(fromArgs.port()).isEqualTo(27200);
        assertThat(fromArgs.backend()).isEqualTo(Backend.H2);
        assertThat(fromArgs.bind()).isEqualTo("0.0.0.0");

        assertThatThrownBy(() -> Config.from(new String[] {"--backend", "mongo"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.from(new String[] {"--sync", "sometimes"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.from(new String[] {"--port"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MongoClient client(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("ledger").getCollection("postings");
    }

    private static void insert(MongoCollection<Document> collection, int count) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Document("_id", i).append("amount", i * 10L));
        }
        collection.insertMany(batch);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitLine(Path log, String text, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            assertThat(process.isAlive())
                    .as("store process alive; log: %s", Files.readString(log))
                    .isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("store did not log '" + text + "': " + Files.readString(log));
    }

    private static Thread started(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }
}
