package org.budgetledger.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 backend, answering a write only once it is on disk: a write-ahead journal of the commands, the way
 * databases do it, rather than a commit of H2's B-tree per write (which rewrote whole pages for every write and grew
 * the file by tens of times what it held).
 *
 * <ul>
 *   <li>A write runs, is appended to the {@link WriteJournal} in the order it ran on its collection, and is answered
 *       once the journal is on disk (group commit: one flush serves every writer waiting).</li>
 *   <li>About once a second a checkpoint commits H2's MVStore while no write runs, so the commit never holds half of
 *       one, and records in it the last journaled command it contains. H2's own commits are off.</li>
 *   <li>At start, the commands journaled after the last checkpoint are run again, in order, on the checkpointed
 *       data. {@link DeterministicWrites} has fixed in each command what the server would otherwise choose itself,
 *       so a replay gives the same data.</li>
 * </ul>
 *
 * <p>Which commands write is decided by what they are not: a command missing from {@link #READS} is journaled, so a
 * command this list does not know costs a flush, never a lost write.
 */
final class DurableBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(DurableBackend.class);

    /** Commands that never change data (names as the wire protocol sends them, compared without case). */
    private static final Set<String> READS = Set.of(
            "find",
            "getmore",
            "killcursors",
            "count",
            "distinct",
            "listcollections",
            "listindexes",
            "listdatabases",
            "dbstats",
            "collstats",
            "ismaster",
            "hello",
            "buildinfo",
            "ping",
            "serverstatus",
            "whatsmyuri",
            "getlasterror",
            "getparameter",
            "getlog",
            "endsessions",
            "connectionstatus",
            "hostinfo",
            "getcmdlineopts",
            "getfreemonitoringstatus",
            "saslstart",
            "saslcontinue");
    /** Commands on one collection, named by the command's value: they keep their order per collection only. */
    private static final Set<String> ON_ONE_COLLECTION = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "create", "drop", "collmod");
    /** The MVStore map that records the last journaled command each checkpoint holds. */
    static final String CHECKPOINT_MAP = "budgetledger.checkpoint";

    private static final String CHECKPOINT_KEY = "journal";
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    /** The journal moves to its other file once this much is written since the last move. */
    private static final long ROTATE_AFTER_BYTES = 16L * 1024 * 1024;

    private static final Duration SLOW_CHECKPOINT = Duration.ofMillis(500);

    private final H2Backend delegate;
    private final MVStore store;
    private final MVMap<String, Long> checkpoints;
    private final WriteJournal journal;
    /** Writes on one collection hold its lock and the shared side; a checkpoint, or a write on many, the exclusive side. */
    private final ReentrantReadWriteLock order = new ReentrantReadWriteLock(true);

    private final ConcurrentHashMap<String, Lock> collections = new ConcurrentHashMap<>();
    private static final Lock NO_LOCK = new NoLock();
    private final Thread checkpointer;
    private volatile boolean running = true;
    private final Object stopping = new Object();
    private volatile Throwable failure;
    private long checkpointed;
    private long longestPauseMillis;

    private DurableBackend(H2Backend delegate, MVStore store, WriteJournal journal, long checkpointed) {
        this.delegate = delegate;
        this.store = store;
        this.checkpoints = store.openMap(CHECKPOINT_MAP);
        this.journal = journal;
        this.checkpointed = checkpointed;
        this.checkpointer = new Thread(this::checkpointLoop, "store-checkpointer");
        this.checkpointer.setDaemon(true);
        this.checkpointer.start();
    }

    /** Opens the data, replays what the journal holds past the last checkpoint, and checkpoints the result. */
    static DurableBackend open(MVStore store, Path directory, WriteJournal.Sync sync) throws IOException {
        H2Backend h2 = new H2Backend(store);
        MVMap<String, Long> map = store.openMap(CHECKPOINT_MAP);
        long checkpoint = map.getOrDefault(CHECKPOINT_KEY, 0L);
        long last = replay(h2, WriteJournal.read(directory), checkpoint);
        map.put(CHECKPOINT_KEY, last);
        store.commit();
        if (sync == WriteJournal.Sync.FSYNC) {
            store.sync();
        }
        return new DurableBackend(h2, store, new WriteJournal(directory, sync, last), last);
    }

    /** Runs the journaled commands after the checkpoint, in order, up to the first one missing; the last one run. */
    private static long replay(H2Backend h2, List<WriteJournal.Entry> entries, long checkpoint) {
        Channel replaying = new EmbeddedChannel();
        long last = checkpoint;
        int replayed = 0;
        int failed = 0;
        for (WriteJournal.Entry e : entries) {
            if (e.sequence() <= last) {
                continue;
            }
            if (e.sequence() != last + 1) {
                log.error(
                        "journal: command {} follows {}; the commands from {} on are not replayed",
                        e.sequence(),
                        last,
                        e.sequence());
                break;
            }
            try {
                h2.handleCommand(
                        replaying, e.database(), e.command().keySet().iterator().next(), e.command());
            } catch (RuntimeException ex) {
                failed++; // it failed the same way when it first ran: it is answered, and its part done, as then
            }
            last = e.sequence();
            replayed++;
        }
        h2.handleClose(replaying);
        if (replayed > 0) {
            log.info(
                    "journal: {} commands after checkpoint {} replayed ({} of them failed as when they first ran)",
                    replayed,
                    checkpoint,
                    failed);
        }
        return last;
    }

    static boolean writes(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            // only a pipeline that ends in $out or $merge writes
            return query.get("pipeline") instanceof List<?> stages
                    && stages.stream()
                            .anyMatch(
                                    s -> s instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return !READS.contains(name);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return writes(command, query)
                ? write(channel, database, command, query)
                : delegate.handleCommand(channel, database, command, query);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document body = message.getDocument();
        String command = body.keySet().iterator().next();
        return writes(command, body)
                ? write(message.getChannel(), message.getDatabaseName(), command, body)
                : delegate.handleMessage(message);
    }

    private Document write(Channel channel, String database, String command, Document body) {
        if (failure != null) {
            throw new IllegalStateException("the store cannot make writes durable: " + failure);
        }
        DeterministicWrites.fix(command, body);
        Document journaled = body.cloneDeeply(); // exactly what runs, whatever the backend does to the body
        boolean onOneCollection = !exclusive(command, body);
        Lock shared = onOneCollection ? order.readLock() : order.writeLock();
        Lock collection = onOneCollection ? collectionLock(database, body.get(command)) : NO_LOCK;
        Journaled done;
        shared.lock();
        collection.lock();
        try {
            done = runJournaled(channel, database, command, body, journaled);
        } finally {
            collection.unlock();
            shared.unlock();
        }
        try {
            journal.awaitDurable(done.sequence());
        } catch (RuntimeException e) {
            fail(e); // the journal cannot be written: nothing may be acknowledged, nor checkpointed, any more
            throw e;
        }
        return done.answer();
    }

    private record Journaled(Document answer, long sequence) {}

    /** Runs the command and journals it, whether it succeeded or not: a failed command may have done part of its work. */
    private Journaled runJournaled(
            Channel channel, String database, String command, Document body, Document journaled) {
        Document answer;
        try {
            answer = delegate.handleCommand(channel, database, command, body);
        } catch (RuntimeException e) {
            append(WriteJournal.encode(database, journaled));
            throw e;
        }
        // an upsert by replacement whose query names no _id: the server chose it, and the replay must choose the same
        DeterministicWrites.upsertedIds(command, journaled, answer);
        return new Journaled(answer, append(WriteJournal.encode(database, journaled)));
    }

    private long append(byte[] record) {
        try {
            return journal.append(record);
        } catch (RuntimeException e) {
            fail(e); // the data changed and the journal does not say so: nothing may be acknowledged any more
            throw e;
        }
    }

    private static boolean exclusive(String command, Document body) {
        return !ON_ONE_COLLECTION.contains(command.toLowerCase(Locale.ROOT)) || !(body.get(command) instanceof String);
    }

    private Lock collectionLock(String database, Object collection) {
        return collections.computeIfAbsent(database + "." + collection, k -> new ReentrantLock());
    }

    /**
     * Never interrupted: an interrupt closes the file channel a commit or an fsync is using (FileChannel's I/O is
     * interruptible). {@link #close()} ends it through {@link #running} and the monitor instead.
     */
    private void checkpointLoop() {
        while (true) {
            synchronized (stopping) {
                if (running) {
                    try {
                        stopping.wait(CHECKPOINT_EVERY.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (!running) {
                    return;
                }
            }
            try {
                checkpoint();
            } catch (Throwable e) {
                fail(e);
                return;
            }
        }
    }

    /**
     * Commits the data while no write runs, with the last journaled command it holds; forces it (fsync); then lets the
     * journal move to its other file. The pause is the commit alone.
     */
    private synchronized void checkpoint() throws IOException {
        long upTo;
        long asked = System.nanoTime();
        order.writeLock().lock();
        long paused = System.nanoTime();
        try {
            upTo = journal.lastAppended();
            if (upTo == checkpointed) {
                return;
            }
            checkpoints.put(CHECKPOINT_KEY, upTo);
            store.commit();
        } finally {
            order.writeLock().unlock();
            notePause(asked, paused, System.nanoTime());
        }
        if (journal.sync() == WriteJournal.Sync.FSYNC) {
            store.sync();
        }
        checkpointed = upTo;
        if (journal.bytesSinceRotation() > ROTATE_AFTER_BYTES) {
            journal.rotate();
        }
    }

    /** Writes wait while a checkpoint commits: say so when that is long enough for a caller to notice. */
    private void notePause(long asked, long paused, long resumed) {
        long millis = (resumed - paused) / 1_000_000;
        longestPauseMillis = Math.max(longestPauseMillis, millis);
        if (millis >= SLOW_CHECKPOINT.toMillis()) {
            log.warn(
                    "checkpoint held writes for {} ms (waited {} ms for running writes first)",
                    millis,
                    (paused - asked) / 1_000_000);
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
            log.error("the store cannot make writes durable any more; no write is acknowledged from now on", e);
        }
    }

    /** Whether the store can no longer make writes durable: the process should stop, a restart recovers. */
    boolean failed() {
        return failure != null;
    }

    long checkpointed() {
        return checkpointed;
    }

    /**
     * A last checkpoint, then the files closed. After a failure nothing more is committed: the file keeps the last
     * checkpoint and the journal what came after it, which the next start replays; a commit now would put writes in
     * the file that the checkpoint's mark does not count, and the replay would run them twice.
     */
    @Override
    public void close() {
        synchronized (stopping) {
            running = false;
            stopping.notifyAll();
        }
        try {
            checkpointer.join(Duration.ofSeconds(30).toMillis());
            if (failure == null) {
                checkpoint();
            }
            journal.close();
            log.info(
                    "journal closed at command {}; the longest checkpoint held writes for {} ms",
                    checkpointed,
                    longestPauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
        if (failure == null) {
            delegate.close(); // closes the MVStore (nothing left to commit)
        } else {
            store.closeImmediately();
            log.error("store closed without a last commit: it failed (see above); the next start replays the journal");
        }
    }

    /** Legacy OP_QUERY reads (commands arrive through {@link #handleCommand}). */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        handleCommand(new EmbeddedChannel(), database, "dropDatabase", new Document("dropDatabase", 1));
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        throw new UnsupportedOperationException("the durable store journals its own writes; no oplog");
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }

    /** The collection lock of a write that holds the exclusive side already. */
    private static final class NoLock extends ReentrantLock {
        @Override
        public void lock() {}

        @Override
        public void unlock() {}
    }
}
