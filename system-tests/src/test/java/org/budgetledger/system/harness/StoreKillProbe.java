package org.budgetledger.system.harness;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures what a SIGKILL of the embedded store loses: starts the store alone (the local-store jar, as
 * bin/ledger-local does), writes documents for a while with the MongoDB driver, each write acknowledged, kills the
 * store with SIGKILL right after the last acknowledgement, starts it again on the same data and counts. Then the same
 * with a clean stop (SIGTERM). For docs/RELIABILITY.md; not part of the test suite.
 *
 * <pre>java ... StoreKillProbe [--backend h2|memory] [--seconds 5] [--trials 3] [--batch 1]</pre>
 */
public final class StoreKillProbe {

    public static void main(String[] args) throws Exception {
        FaultHarness.quietLogging();
        String backend = "h2";
        int seconds = 5;
        int trials = 3;
        int batch = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--backend" -> backend = args[i + 1];
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--trials" -> trials = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        Path repo = FaultHarness.findRepo();
        for (int t = 1; t <= trials; t++) {
            System.out.println(trial(repo, backend, seconds, batch, true, t));
        }
        System.out.println(trial(repo, backend, seconds, batch, false, trials + 1));
    }

    private static String trial(Path repo, String backend, int seconds, int batch, boolean sigkill, int n) throws Exception {
        Path data = Files.createTempDirectory(repo.resolve("system-tests/target"), "store-probe-");
        int port = Ports.free();
        Process store = start(repo, data, port, backend);
        List<Long> ackedAt = new ArrayList<>();
        long killedAt;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=30000")) {
            MongoCollection<Document> docs = client.getDatabase("probe").getCollection("docs");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int id = 0;
            while (System.nanoTime() < end) {
                if (batch == 1) {
                    docs.insertOne(new Document("_id", id++).append("payload", "x".repeat(200)));
                    ackedAt.add(System.nanoTime());
                } else {
                    List<Document> many = new ArrayList<>(batch);
                    for (int k = 0; k < batch; k++) {
                        many.add(new Document("_id", id++).append("payload", "x".repeat(200)));
                    }
                    docs.insertMany(many);
                    long at = System.nanoTime();
                    for (int k = 0; k < batch; k++) {
                        ackedAt.add(at);
                    }
                }
            }
            killedAt = System.nanoTime();
            if (sigkill) {
                store.destroyForcibly();
            } else {
                store.destroy();
            }
            store.waitFor();
        }
        Process again = start(repo, data, port, backend);
        long survived;
        List<Integer> lost = new ArrayList<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=30000")) {
            MongoCollection<Document> docs = client.getDatabase("probe").getCollection("docs");
            survived = docs.countDocuments();
            java.util.Set<Integer> present = new java.util.HashSet<>();
            for (Document d : docs.find().projection(new Document("_id", 1))) {
                present.add(d.getInteger("_id"));
            }
            for (int i = 0; i < ackedAt.size(); i++) {
                if (!present.contains(i)) {
                    lost.add(i);
                }
            }
        } finally {
            again.destroy();
            again.waitFor();
        }
        String window = lost.isEmpty() ? "" : String.format(", the lost ones acknowledged between %.0f ms and %.0f ms before the kill",
                (killedAt - ackedAt.get(lost.get(0))) / 1e6, (killedAt - ackedAt.get(lost.get(lost.size() - 1))) / 1e6);
        return String.format("trial %d, %s backend, %s after %d s of %s: %d acknowledged, %d there after the restart, %d lost%s",
                n, backend, sigkill ? "SIGKILL" : "SIGTERM (clean stop)", seconds, batch == 1 ? "single inserts" : "inserts of " + batch,
                ackedAt.size(), survived, lost.size(), window);
    }

    private static Process start(Path repo, Path data, int port, String backend) throws IOException, InterruptedException {
        Path jar = repo.resolve("local-stack/store/target/local-store.jar");
        Path lib = repo.resolve("local-stack/store/target/lib");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", jar + File.pathSeparator + lib + "/*",
                "org.budgetledger.localstack.StoreServer", "--port", String.valueOf(port), "--data", data.toString(),
                "--backend", backend, "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(data.resolve("store.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the store did not listen on " + port);
    }
}
