package org.budgetledger.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-compatible store of the embedded default: mongo-java-server in a process of its own, so the
 * services talk to it over the MongoDB wire protocol exactly as they would to MongoDB.
 *
 * <p>The H2 backend keeps the data in one file, {@code <data>/ledger.mv}, and answers a write only once it is in that
 * journal beside the file ({@link DurableBackend}): with {@code fsync} (the default) forced to the device, so that an
 * acknowledged write survives a power loss; with {@code commit} written to the file, which survives the death of any
 * process but not of the machine. The memory backend keeps nothing: it is for benchmarks.
 *
 * <p>Configuration (argument, else environment variable, else default):
 * {@code --port} / LEDGER_STORE_PORT (27017), {@code --data} / LEDGER_STORE_DATA (./.ledger/store),
 * {@code --backend h2|memory} / LEDGER_STORE_BACKEND (h2), {@code --bind} / LEDGER_STORE_BIND (127.0.0.1),
 * {@code --sync fsync|commit} / LEDGER_STORE_SYNC (fsync).
 */
public final class StoreServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreServer.class);

    static final String DATA_FILE_NAME = "ledger.mv";

    /** Megabytes of MVStore page cache; the default (16) made scans ~30x slower (docs/STACK.md#mvstore-page-cache). */
    private static final int H2_CACHE_MB = 512;

    /** The cache is held on the heap: with a small -Xmx, use at most half of it rather than run out of memory. */
    static int h2CacheMegabytes() {
        long halfHeapMb = Runtime.getRuntime().maxMemory() / (2 * 1024 * 1024);
        return (int) Math.max(16, Math.min(H2_CACHE_MB, halfHeapMb));
    }

    public enum Backend {
        H2,
        MEMORY
    }

    public record Config(String bind, int port, Path dataDir, Backend backend, WriteJournal.Sync sync) {

        public Config(String bind, int port, Path dataDir, Backend backend) {
            this(bind, port, dataDir, backend, WriteJournal.Sync.FSYNC);
        }

        public Path dataFile() {
            return dataDir.resolve(DATA_FILE_NAME);
        }

        /** Arguments win over the environment, which wins over the defaults. */
        public static Config from(String[] args, Map<String, String> env) {
            Map<String, String> values = new java.util.HashMap<>(Map.of(
                    "--bind", env.getOrDefault("LEDGER_STORE_BIND", "127.0.0.1"),
                    "--port", env.getOrDefault("LEDGER_STORE_PORT", "27017"),
                    "--data", env.getOrDefault("LEDGER_STORE_DATA", "./.ledger/store"),
                    "--backend", env.getOrDefault("LEDGER_STORE_BACKEND", "h2"),
                    "--sync", env.getOrDefault("LEDGER_STORE_SYNC", "fsync")));
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("unknown option " + name);
                }
                if (arg.contains("=")) {
                    values.put(name, arg.substring(arg.indexOf('=') + 1));
                } else if (i + 1 < args.length) {
                    values.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
            }
            return new Config(
                    values.get("--bind"),
                    port(values.get("--port")),
                    Path.of(values.get("--data")).toAbsolutePath().normalize(),
                    backend(values.get("--backend")),
                    sync(values.get("--sync")));
        }

        private static int port(String port) {
            try {
                return Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port is not a number: " + port);
            }
        }

        private static Backend backend(String backend) {
            return switch (backend.trim().toLowerCase(Locale.ROOT)) {
                case "h2" -> Backend.H2;
                case "memory" -> Backend.MEMORY;
                default -> throw new IllegalArgumentException("backend must be h2 or memory: " + backend);
            };
        }

        private static WriteJournal.Sync sync(String sync) {
            return switch (sync.trim().toLowerCase(Locale.ROOT)) {
                case "fsync" -> WriteJournal.Sync.FSYNC;
                case "commit" -> WriteJournal.Sync.COMMIT;
                default -> throw new IllegalArgumentException("sync must be fsync or commit: " + sync);
            };
        }
    }

    /**
     * Netty threads that read and answer requests. A write holds its thread until the journal holds it, and a thread
     * serves every connection assigned to it: enough of them that connections rarely share one.
     */
    private static final int WORKER_THREADS = 64;

    private final Config config;
    private final MongoServer server;
    private final MVStore mvStore; // null for the memory backend
    private final DurableBackend durable; // null for the memory backend
    private final InetSocketAddress address;
    private boolean closed;

    private StoreServer(
            Config config, MongoServer server, MVStore mvStore, DurableBackend durable, InetSocketAddress address) {
        this.config = config;
        this.server = server;
        this.mvStore = mvStore;
        this.durable = durable;
        this.address = address;
    }

    /** Opens the backend and listens; port 0 picks a free port (see {@link #address()}). */
    public static StoreServer start(Config config) throws IOException {
        MVStore mvStore = null;
        DurableBackend durable = null;
        MongoBackend backend;
        if (config.backend() == Backend.H2) {
            Files.createDirectories(config.dataDir());
            mvStore = open(config.dataFile());
            try {
                durable = DurableBackend.open(mvStore, config.dataDir(), config.sync());
            } catch (IOException | RuntimeException e) {
                mvStore.closeImmediately();
                throw e;
            }
            backend = durable;
        } else {
            backend = new MemoryBackend();
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress(config.bind(), config.port()), 0, WORKER_THREADS);
        } catch (RuntimeException e) {
            // e.g. the port is taken: release the file lock before giving up
            server.shutdownNow(); // closes the backend too: the journal, then the MVStore
            throw e;
        }
        return new StoreServer(config, server, mvStore, durable, server.getLocalAddress());
    }

    /**
     * MVStore without its own commits, which happen at any moment (every second, or when enough has changed) and so
     * may capture half of a write: only {@link DurableBackend}'s checkpoints commit. MVStore locks the file, so a
     * second store on the same data fails here instead of corrupting it.
     */
    static MVStore open(Path file) {
        return new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(h2CacheMegabytes())
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                .open();
    }

    /** Whether the store can no longer commit (the process should end; a restart recovers from the file). */
    boolean failed() {
        return durable != null && durable.failed();
    }

    public InetSocketAddress address() {
        return address;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /**
     * Stops listening and closes the backend: a last checkpoint, then the files (an acknowledged write is in the
     * journal already, whatever happens here). Safe to call twice (the shutdown hook may race a caller).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown(); // closes client connections, then the backend (H2Backend.close closes the MVStore)
        } finally {
            // ...but if the network side failed to shut down, still unlock the file: without a commit, which could hold
            // writes the checkpoint's mark does not count (the journal has them; the next start replays them)
            if (mvStore != null && !mvStore.isClosed()) {
                mvStore.closeImmediately();
            }
        }
        log.info("store stopped{}", mvStore != null ? ", data committed to " + config.dataFile() : "");
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        try {
            config = Config.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("store: " + e.getMessage());
            System.err.println("usage: StoreServer [--port N] [--data DIR] [--backend h2|memory] [--bind ADDRESS]");
            System.exit(2);
            return;
        }
        StoreServer store;
        try {
            store = start(config);
        } catch (Exception e) {
            log.error("store could not start on {}:{} ({})", config.bind(), config.port(), e.toString());
            System.exit(1);
            return;
        }
        // A process of its own: SIGTERM runs the shutdown hooks, which is our clean stop.
        Runtime.getRuntime().addShutdownHook(new Thread(store::close, "store-shutdown"));
        log.info(
                "store listening on {}:{}, backend {}, data {}",
                store.address().getHostString(),
                store.address().getPort(),
                config.backend().name().toLowerCase(Locale.ROOT),
                config.backend() == Backend.H2
                        ? config.dataFile() + " (cache " + h2CacheMegabytes() + " MB, every write "
                                + (config.sync() == WriteJournal.Sync.FSYNC
                                        ? "forced to the disk"
                                        : "written to the file")
                                + " in the journal before it is acknowledged)"
                        : "in memory (lost on stop)");
        while (!store.failed()) {
            Thread.sleep(500);
        }
        // Nothing more can be made durable. Halt without the shutdown hook, whose close would try to commit again:
        // the file holds every acknowledged write, and a restart recovers from it.
        log.error("store stopping: a commit failed (see above)");
        Runtime.getRuntime().halt(70);
    }
}
