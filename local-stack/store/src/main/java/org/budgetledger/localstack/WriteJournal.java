package org.budgetledger.localstack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The store's write-ahead journal: every write command, in the order it ran, on disk before the store answers it.
 *
 * <p>Appending only fills a buffer. The first writer to wait becomes the flusher: it writes everything appended so
 * far and, with {@link Sync#FSYNC}, forces it to the device, then wakes every writer it covered. One write and one
 * fsync thus serve every writer that waited meanwhile (group commit); a lone writer flushes its own record at once.
 *
 * <p>Two files take turns: after a checkpoint, once the current file is large ({@link #rotate()}), the journal moves to
 * the other one, emptied first. That file holds only records from before the previous move, which the checkpoint just
 * made durable covers: checkpoints and moves happen one after the other on one thread, and a move follows the
 * checkpoint's fsync. The file left behind keeps its records until the move after next. A record is {@code length, CRC-32C, sequence, payload}; reading stops at the first
 * record that is short or fails its checksum (the tail of a write the crash cut).
 */
final class WriteJournal implements AutoCloseable {

    /** How a flush reaches the disk. */
    enum Sync {
        /** Written to the file (the OS page cache): survives the death of any process, not a power loss. */
        COMMIT,
        /** Written and forced to the device (fsync): survives a power loss too. */
        FSYNC
    }

    /** One journaled command: the database it ran on and its body as the wire protocol delivered it. */
    record Entry(long sequence, String database, Document command) {}

    static final String[] FILES = {"journal-a.wal", "journal-b.wal"};
    private static final int HEADER_BYTES = 4 + 4 + 8;
    /** No record is larger: the wire protocol's largest message (48 MB) with room to spare. */
    private static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;
    /** A writer waits at most this long for its flush; then it hears an error, never a false acknowledgement. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final Path directory;
    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ByteBuffer> pending = new ArrayList<>(); // guarded by lock: appended, not yet written
    private FileChannel current; // guarded by lock
    private int currentIndex; // guarded by lock
    private long appended; // guarded by lock: the last sequence handed out
    private long durable; // guarded by lock: every record up to here is on disk
    private boolean flushing; // guarded by lock
    private long bytesSinceRotation; // guarded by lock
    private Throwable failure; // guarded by lock

    /** Opens the journal to append after {@code lastSequence} (the last record recovery found, or the checkpoint). */
    WriteJournal(Path directory, Sync sync, long lastSequence) throws IOException {
        this.directory = directory;
        this.sync = sync;
        this.appended = lastSequence;
        this.durable = lastSequence;
        this.currentIndex = 0;
        this.current = emptied(directory.resolve(FILES[0]));
        Files.deleteIfExists(directory.resolve(FILES[1]));
        forceDirectory();
    }

    Sync sync() {
        return sync;
    }

    /** Every record of both files, in sequence order, up to each file's first damaged record. */
    static List<Entry> read(Path directory) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : FILES) {
            Path file = directory.resolve(name);
            if (Files.exists(file)) {
                entries.addAll(readFile(file));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::sequence));
        return entries;
    }

    private static List<Entry> readFile(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (true) {
                header.clear();
                if (readFully(channel, header) < HEADER_BYTES) {
                    return entries;
                }
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                long sequence = header.getLong();
                if (length <= 0 || length > MAX_RECORD_BYTES) {
                    return entries;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                if (readFully(channel, payload) < length || checksum(sequence, payload.array()) != crc) {
                    return entries;
                }
                entries.add(decode(sequence, payload.array()));
            }
        }
    }

    private static int readFully(FileChannel channel, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                break;
            }
        }
        return into.position();
    }

    /**
     * Appends a command; returns its sequence, to wait for with {@link #awaitDurable}. The caller holds the order in
     * which commands on the same data ran, so the sequence is that order.
     */
    long append(byte[] payload) {
        if (payload.length > MAX_RECORD_BYTES) {
            throw new IllegalStateException("a command of " + payload.length + " bytes is too large to journal");
        }
        lock.lock();
        try {
            long sequence = ++appended;
            ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
            record.putInt(payload.length)
                    .putInt(checksum(sequence, payload))
                    .putLong(sequence)
                    .put(payload)
                    .flip();
            pending.add(record);
            bytesSinceRotation += record.remaining();
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    long lastAppended() {
        lock.lock();
        try {
            return appended;
        } finally {
            lock.unlock();
        }
    }

    long bytesSinceRotation() {
        lock.lock();
        try {
            return bytesSinceRotation;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once the record is on disk; the first waiter flushes for everyone. */
    void awaitDurable(long sequence) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        lock.lock();
        try {
            while (durable < sequence) {
                if (failure != null) {
                    throw new IllegalStateException("the store's journal cannot be written: " + failure, failure);
                }
                if (!flushing) {
                    flush();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("the journal was not written within " + MAX_WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes (and forces) everything appended so far. Called and returning with the lock held; the lock is released
     * while the file is written, so others keep appending. Flushes never overlap, so the file keeps sequence order.
     */
    private void flush() {
        List<ByteBuffer> batch = new ArrayList<>(pending);
        pending.clear();
        long upTo = appended;
        FileChannel channel = current;
        flushing = true;
        Throwable failed = null;
        lock.unlock();
        try {
            for (ByteBuffer record : batch) {
                while (record.hasRemaining()) {
                    channel.write(record);
                }
            }
            if (sync == Sync.FSYNC) {
                channel.force(false);
            }
        } catch (Throwable e) { // an Error too: these records are not known to be on disk
            failed = e;
        } finally {
            lock.lock();
            flushing = false;
            if (failed != null) {
                failure = failed;
            } else {
                durable = Math.max(durable, upTo);
            }
            changed.signalAll();
        }
    }

    /**
     * Moves the journal to the other file, emptied, after writing what is pending to the current one. Called right
     * after a checkpoint is durable: the file emptied holds only records that checkpoint covers (see the class).
     * Appends go on meanwhile; none is flushed to the new file before the file, and its directory, are forced.
     */
    void rotate() throws IOException {
        lock.lock();
        try {
            while (flushing) {
                changed.awaitUninterruptibly();
            }
            if (!pending.isEmpty()) {
                flush();
            }
            if (failure != null) {
                throw new IOException("the journal cannot be written", failure);
            }
            current.close();
            currentIndex = 1 - currentIndex;
            current = emptied(directory.resolve(FILES[currentIndex]));
            forceDirectory();
            bytesSinceRotation = 0;
        } finally {
            lock.unlock();
        }
    }

    private FileChannel emptied(Path file) throws IOException {
        FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        if (sync == Sync.FSYNC) {
            channel.force(true);
        }
        return channel;
    }

    /** A file created or emptied is only certain to stay so once its directory is forced too (Linux: fsync of the directory). */
    private void forceDirectory() throws IOException {
        if (sync != Sync.FSYNC) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform opens a directory; the files' own force still holds their contents
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            while (flushing) {
                changed.awaitUninterruptibly();
            }
            if (!pending.isEmpty() && failure == null) {
                flush();
            }
            current.close();
        } finally {
            lock.unlock();
        }
    }

    private static int checksum(long sequence, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, sequence));
        crc.update(payload);
        return (int) crc.getValue();
    }

    /**
     * The command as BSON documents: a header with the body, then every list of documents of the body on its own
     * (an insert's documents, an update's statements). A merged body may pass BSON's 16 MB limit; its parts never do.
     */
    static byte[] encode(String database, Document command) {
        Document body = new Document();
        List<String> sequences = new ArrayList<>();
        command.forEach((key, value) -> {
            if (value instanceof List<?> list
                    && !list.isEmpty()
                    && list.stream().allMatch(Document.class::isInstance)) {
                sequences.add(key);
            } else {
                body.put(key, value);
            }
        });
        ByteBuf out = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(
                    new Document("db", database).append("body", body).append("sequences", sequences), out);
            for (String key : sequences) {
                List<?> docs = (List<?>) command.get(key);
                out.writeInt(docs.size());
                for (Object doc : docs) {
                    BsonEncoder.encodeDocument((Document) doc, out);
                }
            }
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    @SuppressWarnings("unchecked")
    static Entry decode(long sequence, byte[] payload) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        Document header = BsonDecoder.decodeBson(in);
        Document body = (Document) header.get("body");
        Document command = new Document();
        command.putAll(body);
        for (String key : (List<String>) header.get("sequences")) {
            int count = in.readInt();
            List<Document> docs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                docs.add(BsonDecoder.decodeBson(in));
            }
            command.put(key, docs);
        }
        return new Entry(sequence, (String) header.get("db"), command);
    }
}
