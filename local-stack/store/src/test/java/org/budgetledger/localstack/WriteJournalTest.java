package org.budgetledger.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteJournalTest {

    @TempDir
    Path dir;

    @Test
    void recordsComeBackInOrderWithTheirDatabaseAndBody() throws Exception {
        List<Document> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(new Document("_id", "E" + i)
                    .append("payload", "x".repeat(10_000))); // 20 MB: more than one BSON document may hold
        }
        try (WriteJournal journal = new WriteJournal(dir, WriteJournal.Sync.FSYNC, 41)) {
            journal.awaitDurable(journal.append(
                    WriteJournal.encode("ledger", new Document("insert", "events").append("documents", many))));
            journal.awaitDurable(journal.append(
                    WriteJournal.encode("projection", new Document("update", "figures").append("ordered", true))));
        }
        List<WriteJournal.Entry> read = WriteJournal.read(dir);
        assertThat(read).extracting(WriteJournal.Entry::sequence).containsExactly(42L, 43L);
        assertThat(read.get(0).database()).isEqualTo("ledger");
        assertThat(read.get(0).command()).isEqualTo(new Document("insert", "events").append("documents", many));
        assertThat(read.get(1).command()).isEqualTo(new Document("update", "figures").append("ordered", true));
    }

    /** A crash in the middle of a flush leaves a torn last record, or garbage: reading stops before it. */
    @Test
    void readingStopsAtATornOrDamagedRecord() throws Exception {
        try (WriteJournal journal = new WriteJournal(dir, WriteJournal.Sync.COMMIT, 0)) {
            for (int i = 0; i < 3; i++) {
                journal.awaitDurable(journal.append(WriteJournal.encode("db", new Document("insert", "c" + i))));
            }
        }
        Path file = dir.resolve(WriteJournal.FILES[0]);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 3);
        }
        assertThat(WriteJournal.read(dir))
                .extracting(WriteJournal.Entry::sequence)
                .containsExactly(1L, 2L);

        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(20); // inside the first record's payload
            raf.write(raf.read() ^ 0xFF);
        }
        assertThat(WriteJournal.read(dir)).isEmpty();
    }

    @Test
    void concurrentWritersAreAllDurableAndNumberedWithoutGaps() throws Exception {
        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        try (WriteJournal journal = new WriteJournal(dir, WriteJournal.Sync.FSYNC, 0)) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                writers.add(started(() -> {
                    for (int i = 0; i < 200; i++) {
                        long sequence = journal.append(WriteJournal.encode("db", new Document("insert", "c")));
                        journal.awaitDurable(sequence);
                        acknowledged.add(sequence);
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
        }
        assertThat(acknowledged).hasSize(1_600);
        assertThat(WriteJournal.read(dir))
                .extracting(WriteJournal.Entry::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 1_600)
                        .boxed()
                        .toList());
    }

    /** After a rotation the file left behind keeps its records until the next one, and a reopen empties both. */
    @Test
    void rotationKeepsTheRecordsLeftBehindUntilTheNextRotation() throws Exception {
        try (WriteJournal journal = new WriteJournal(dir, WriteJournal.Sync.FSYNC, 0)) {
            journal.awaitDurable(journal.append(WriteJournal.encode("db", new Document("insert", "a"))));
            journal.rotate();
            journal.awaitDurable(journal.append(WriteJournal.encode("db", new Document("insert", "b"))));
            assertThat(WriteJournal.read(dir))
                    .extracting(WriteJournal.Entry::sequence)
                    .containsExactly(1L, 2L);
            journal.rotate();
            journal.awaitDurable(journal.append(WriteJournal.encode("db", new Document("insert", "c"))));
            assertThat(WriteJournal.read(dir))
                    .extracting(WriteJournal.Entry::sequence)
                    .containsExactly(2L, 3L);
        }
        new WriteJournal(dir, WriteJournal.Sync.FSYNC, 3).close();
        assertThat(WriteJournal.read(dir)).isEmpty();
    }

    private static Thread started(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }
}
