package org.budgetledger.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-compatible store of the embedded default: mongo-java-server in a process of its own, so the
 * services talk to it over the MongoDB wire protocol exactly as they would to MongoDB.
 *
 * <p>The H2 backend keeps the data in one file, {@code <data>/ledger.mv}. It commits about once a second, so
 * only a clean stop (SIGTERM, {@link #close()}) is guaranteed to keep every acknowledged write; a
 * {@code kill -9} loses up to the last second. This is a store for trying out the system and for small units,
 * not a durable database: production runs on MongoDB.
 *
 * <p>Configuration (argument, else environment variable, else default):
 * {@code --port} / LEDGER_STORE_PORT (27017), {@code --data} / LEDGER_STORE_DATA (./.ledger/store),
 * {@code --backend h2|memory} / LEDGER_STORE_BACKEND (h2), {@code --bind} / LEDGER_STORE_BIND (127.0.0.1).
 */
public final class StoreServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreServer.class);

    static final String DATA_FILE_NAME = "ledger.mv";

    /** Megabytes of MVStore page cache; the default (16) made scans ~30x slower (STACK.md). */
    private static final int H2_CACHE_MB = 512;

    /** The cache is held on the heap: with a small -Xmx, use at most half of it rather than run out of memory. */
    static int h2CacheMegabytes() {
        long halfHeapMb = Runtime.getRuntime().maxMemory() / (2 * 1024 * 1024);
        return (int) Math.max(16, Math.min(H2_CACHE_MB, halfHeapMb));
    }

    public enum Backend { H2, MEMORY }

    public record Config(String bind, int port, Path dataDir, Backend backend) {

        public Path dataFile() {
            return dataDir.resolve(DATA_FILE_NAME);
        }

        /** Arguments win over the environment, which wins over the defaults. */
        public static Config from(String[] args, Map<String, String> env) {
            String bind = env.getOrDefault("LEDGER_STORE_BIND", "127.0.0.1");
            String port = env.getOrDefault("LEDGER_STORE_PORT", "27017");
            String data = env.getOrDefault("LEDGER_STORE_DATA", "./.ledger/store");
            String backend = env.getOrDefault("LEDGER_STORE_BACKEND", "h2");
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                switch (name) {
                    case "--bind" -> bind = value;
                    case "--port" -> port = value;
                    case "--data" -> data = value;
                    case "--backend" -> backend = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            int portNumber;
            try {
                portNumber = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port is not a number: " + port);
            }
            Backend kind = switch (backend.trim().toLowerCase(Locale.ROOT)) {
                case "h2" -> Backend.H2;
                case "memory" -> Backend.MEMORY;
                default -> throw new IllegalArgumentException("backend must be h2 or memory: " + backend);
            };
            return new Config(bind, portNumber, Path.of(data).toAbsolutePath().normalize(), kind);
        }
    }

    private final Config config;
    private final MongoServer server;
    private final MVStore mvStore; // null for the memory backend
    private final InetSocketAddress address;
    private boolean closed;

    private StoreServer(Config config, MongoServer server, MVStore mvStore, InetSocketAddress address) {
        this.config = config;
        this.server = server;
        this.mvStore = mvStore;
        this.address = address;
    }

    /** Opens the backend and listens; port 0 picks a free port (see {@link #address()}). */
    public static StoreServer start(Config config) throws IOException {
        MVStore mvStore = null;
        MongoBackend backend;
        if (config.backend() == Backend.H2) {
            Files.createDirectories(config.dataDir());
            // MVStore locks the file, so a second store on the same data fails here instead of corrupting it.
            mvStore = new MVStore.Builder()
                    .fileName(config.dataFile().toString())
                    .cacheSize(h2CacheMegabytes())
                    .open();
            backend = new H2Backend(mvStore);
        } else {
            backend = new MemoryBackend();
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(config.bind(), config.port());
        } catch (RuntimeException e) {
            // e.g. the port is taken: release the file lock before giving up
            server.shutdownNow();
            if (mvStore != null && !mvStore.isClosed()) {
                mvStore.close();
            }
            throw e;
        }
        return new StoreServer(config, server, mvStore, server.getLocalAddress());
    }

    public InetSocketAddress address() {
        return address;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /**
     * Stops listening and closes the backend. Closing the MVStore commits its last changes: this is what makes
     * a clean stop keep every acknowledged write. Safe to call twice (the shutdown hook may race a caller).
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
            // ...but if the network side failed to shut down, still commit and unlock the file.
            if (mvStore != null && !mvStore.isClosed()) {
                mvStore.close();
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
        log.info("store listening on {}:{}, backend {}, data {}",
                store.address().getHostString(), store.address().getPort(),
                config.backend().name().toLowerCase(Locale.ROOT),
                config.backend() == Backend.H2
                        ? config.dataFile() + " (cache " + h2CacheMegabytes() + " MB)"
                        : "in memory (lost on stop)");
        // Netty's threads would keep the JVM alive as well; don't depend on that detail.
        new CountDownLatch(1).await();
    }
}
