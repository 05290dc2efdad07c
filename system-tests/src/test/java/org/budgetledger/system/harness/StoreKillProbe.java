package org.budgetledger.system.harness;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * Measures what a SIGKILL of the embedded store loses: starts the store alone (the local-store jar, as
 * bin/ledger-local does), writes documents for a while from several clients with the MongoDB driver, each write
 * acknowledged, kills the store with SIGKILL right after the last acknowledgements, starts it again on the same data
 * and looks for every acknowledged document. Then the same with a clean stop (SIGTERM). Prints the acknowledged
 * writes per second too, and the data file's size. For docs/RELIABILITY.md and docs/PERFORMANCE.md; not part of the
 * test suite (StoreServerTest and the harness are).
 *
 * <pre>java ... StoreKillProbe [--backend h2|memory] [--sync fsync|commit|default] [--seconds 5] [--trials 3] [--batch 1]
 *                              [--clients 1]</pre>
 */
public final class StoreKillProbe {

    private static final String PAYLOAD = "x".repeat(600); // about the size of one of our event documents

    record Settings(String backend, String sync, int seconds, int trials, int batch, int clients) {}

    public static void main(String[] args) throws Exception {
        FaultHarness.quietLogging();
        Settings s = new Settings("h2", "fsync", 5, 3, 1, 1);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            s = switch (args[i]) {
                case "--backend" -> new Settings(v, s.sync(), s.seconds(), s.trials(), s.batch(), s.clients());
                case "--sync" -> new Settings(s.backend(), v, s.seconds(), s.trials(), s.batch(), s.clients());
                case "--seconds" ->
                    new Settings(s.backend(), s.sync(), Integer.parseInt(v), s.trials(), s.batch(), s.clients());
                case "--trials" ->
                    new Settings(s.backend(), s.sync(), s.seconds(), Integer.parseInt(v), s.batch(), s.clients());
                case "--batch" ->
                    new Settings(s.backend(), s.sync(), s.seconds(), s.trials(), Integer.parseInt(v), s.clients());
                case "--clients" ->
                    new Settings(s.backend(), s.sync(), s.seconds(), s.trials(), s.batch(), Integer.parseInt(v));
                default -> throw new IllegalArgumentException(args[i]);
            };
        }
        Path repo = FaultHarness.findRepo();
        for (int t = 1; t <= s.trials(); t++) {
            System.out.println(trial(repo, s, true, t));
        }
        System.out.println(trial(repo, s, false, s.trials() + 1));
    }

    private static String trial(Path repo, Settings s, boolean sigkill, int n) throws Exception {
        Path data = Files.createTempDirectory(repo.resolve("system-tests/target"), "store-probe-");
        int port = Ports.free();
        Process store = start(repo, data, port, s);
        ConcurrentLinkedQueue<long[]> acked = new ConcurrentLinkedQueue<>(); // {id, nanos}
        long began = System.nanoTime();
        long killedAt;
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=30000")) {
            MongoCollection<Document> docs = client.getDatabase("probe").getCollection("docs");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.seconds());
            AtomicInteger ids = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int c = 0; c < s.clients(); c++) {
                Thread w = new Thread(() -> write(docs, ids, s.batch(), end, acked));
                w.start();
                writers.add(w);
            }
            for (Thread w : writers) {
                w.join();
            }
            killedAt = System.nanoTime();
            if (sigkill) {
                store.destroyForcibly();
            } else {
                store.destroy();
            }
            store.waitFor();
        }
        long size = Files.exists(data.resolve("ledger.mv")) ? Files.size(data.resolve("ledger.mv")) : 0;
        BitSet present = survivors(repo, data, port, s);
        List<long[]> lost = acked.stream().filter(a -> !present.get((int) a[0])).toList();
        double seconds = (killedAt - began) / 1e9;
        String window = lost.isEmpty()
                ? ""
                : String.format(
                        ", the lost ones acknowledged up to %.0f ms before the kill",
                        (killedAt - lost.stream().mapToLong(a -> a[1]).min().orElseThrow()) / 1e6);
        return String.format(
                "trial %d, %s backend (%s), %s after %d s of %s from %d client(s): %d acknowledged (%.0f/s), "
                        + "%d lost%s; file %.1f MB",
                n,
                s.backend(),
                s.sync(),
                sigkill ? "SIGKILL" : "SIGTERM (clean stop)",
                s.seconds(),
                s.batch() == 1 ? "single inserts" : "inserts of " + s.batch(),
                s.clients(),
                acked.size(),
                acked.size() / seconds,
                lost.size(),
                window,
                size / 1e6);
    }

    private static void write(
            MongoCollection<Document> docs,
            AtomicInteger ids,
            int batch,
            long end,
            ConcurrentLinkedQueue<long[]> acked) {
        while (System.nanoTime() < end) {
            List<Document> many = new ArrayList<>(batch);
            int first = ids.getAndAdd(batch);
            for (int k = 0; k < batch; k++) {
                many.add(new Document("_id", first + k).append("payload", PAYLOAD));
            }
            if (batch == 1) {
                docs.insertOne(many.get(0));
            } else {
                docs.insertMany(many);
            }
            long at = System.nanoTime();
            for (int k = 0; k < batch; k++) {
                acked.add(new long[] {first + k, at});
            }
        }
    }

    private static BitSet survivors(Path repo, Path data, int port, Settings s) throws Exception {
        Process again = start(repo, data, port, s);
        BitSet present = new BitSet();
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=30000")) {
            MongoCollection<Document> docs = client.getDatabase("probe").getCollection("docs");
            for (Document d : docs.find().projection(new Document("_id", 1)).batchSize(10_000)) {
                present.set(d.getInteger("_id"));
            }
        } finally {
            again.destroy();
            again.waitFor();
        }
        return present;
    }

    private static Process start(Path repo, Path data, int port, Settings s) throws IOException, InterruptedException {
        Path jar = repo.resolve("local-stack/store/target/local-store.jar");
        Path lib = repo.resolve("local-stack/store/target/lib");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-cp",
                jar + File.pathSeparator + lib + "/*",
                "org.budgetledger.localstack.StoreServer",
                "--port",
                String.valueOf(port),
                "--data",
                data.toString(),
                "--backend",
                s.backend(),
                "--bind",
                "127.0.0.1"));
        if (!s.sync().equals("default")) { // "default": a store that knows no --sync (a build before it existed)
            command.addAll(List.of("--sync", s.sync()));
        }
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        data.resolve("store.log").toFile()))
                .start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the store did not listen on " + port);
    }
}
