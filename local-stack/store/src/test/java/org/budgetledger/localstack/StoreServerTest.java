package org.budgetledger.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
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

class StoreServerTest {

    @TempDir
    Path dataDir;

    @Test
    void h2StoreKeepsEveryWriteAcrossACleanRestart() throws Exception {
        Config config = new Config("127.0.0.1", 0, dataDir, Backend.H2);

        try (StoreServer store = StoreServer.start(config); MongoClient client = client(store.connectionString())) {
            insert(collection(client), 500);
        }
        assertThat(dataDir.resolve("ledger.mv")).isRegularFile();

        try (StoreServer store = StoreServer.start(config); MongoClient client = client(store.connectionString())) {
            MongoCollection<Document> postings = collection(client);
            assertThat(postings.countDocuments()).isEqualTo(500);
            assertThat(postings.find(new Document("_id", 499)).first()).containsEntry("amount", 4990L);
        }
    }

    @Test
    void memoryStoreServesTheWireProtocolAndWritesNoFile() throws Exception {
        Config config = new Config("127.0.0.1", 0, dataDir, Backend.MEMORY);

        try (StoreServer store = StoreServer.start(config); MongoClient client = client(store.connectionString())) {
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
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                StoreServer.class.getName(), "--port", String.valueOf(port), "--data", data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLine(log, "store listening on 127.0.0.1:" + port, process);
            try (MongoClient client = client("mongodb://127.0.0.1:" + port)) {
                insert(collection(client), 2000); // well inside H2's one-second commit interval
            }
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("store stopped").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("store stopped, data committed to");

        try (StoreServer store = StoreServer.start(new Config("127.0.0.1", 0, data, Backend.H2));
             MongoClient client = client(store.connectionString())) {
            assertThat(collection(client).countDocuments()).isEqualTo(2000);
        }
    }

    @Test
    void argumentsWinOverEnvironmentWhichWinsOverDefaults() {
        Config defaults = Config.from(new String[0], Map.of());
        assertThat(defaults.port()).isEqualTo(27017);
        assertThat(defaults.bind()).isEqualTo("127.0.0.1");
        assertThat(defaults.backend()).isEqualTo(Backend.H2);
        assertThat(defaults.dataFile()).isEqualTo(Path.of(".ledger/store/ledger.mv").toAbsolutePath());

        Map<String, String> env = Map.of("LEDGER_STORE_PORT", "27100", "LEDGER_STORE_BACKEND", "memory",
                "LEDGER_STORE_DATA", "/tmp/x");
        Config fromEnv = Config.from(new String[0], env);
        assertThat(fromEnv.port()).isEqualTo(27100);
        assertThat(fromEnv.backend()).isEqualTo(Backend.MEMORY);
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/tmp/x"));

        Config fromArgs = Config.from(new String[] {"--port", "27200", "--backend=h2", "--bind", "0.0.0.0"}, env);
        assertThat(fromArgs.port()).isEqualTo(27200);
        assertThat(fromArgs.backend()).isEqualTo(Backend.H2);
        assertThat(fromArgs.bind()).isEqualTo("0.0.0.0");

        assertThatThrownBy(() -> Config.from(new String[] {"--backend", "mongo"}, Map.of()))
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
            assertThat(process.isAlive()).as("store process alive; log: %s", Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("store did not log '" + text + "': " + Files.readString(log));
    }
}
