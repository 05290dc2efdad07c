package org.budgetledger.projection.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances applying to the same ledger documents (against the embedded store): each run counts once, whichever
 * instance applies it, although each sets the whole cells map from what it last knew.
 */
class LedgerRecordsTest {

    private static final String LEDGER = "LR-1:2019";

    private final ConnectionString uri = new ConnectionString(TestInfra.freshMongoDatabase("records"));
    private final MongoClient client = MongoClients.create(uri);
    private final MongoCollection<Document> collection =
            client.getDatabase(uri.getDatabase()).getCollection("ledgers");

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void runsAppliedByEitherInstanceCountOnce_andAStaleMemoryOnlyLosesTheRace() {
        LedgerRecords a = new LedgerRecords(collection);
        LedgerRecords b = new LedgerRecords(collection);
        Random random = new Random(7);
        Map<String, Long> expected = new HashMap<>();
        long cursor = LedgerRecords.NONE;
        for (int run = 0; run < 200; run++) {
            LedgerRecords by = random.nextInt(4) == 0 ? b : a;
            Map<String, Long> deltas = deltas(random);
            long to = cursor + 1 + random.nextInt(5);
            if (random.nextInt(10) == 0 && cursor > 0) {
                // computed from an older cursor (a redelivery, or the other instance got there first): refused
                assertThat(by.apply(LEDGER, change(cursor - 1, to, deltas))).isFalse();
            }
            assertThat(by.apply(LEDGER, change(cursor, to, deltas))).isTrue();
            deltas.forEach((k, v) -> expected.merge(k, v, Long::sum));
            cursor = to;
        }

        LedgerRecord stored = new LedgerRecords(collection).find(LEDGER).orElseThrow();
        assertThat(stored.applied()).isEqualTo(cursor);
        assertThat(stored.cells()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(stored.postings()).isEqualTo(200);
    }

    @Test
    void aCellThatReturnsToZeroStays_andAZeroDeltaAddsNoCell() {
        LedgerRecords records = new LedgerRecords(collection);
        records.apply(LEDGER, change(LedgerRecords.NONE, 0, Map.of("公开01/1/1", 500L, "公开01/2/1", 0L)));
        records.apply(LEDGER, change(0, 1, Map.of("公开01/1/1", -500L)));

        assertThat(records.find(LEDGER).orElseThrow().cells()).containsExactly(Map.entry("公开01/1/1", 0L));
    }

    @Test
    void theCloseIsKeptToTheNanosecond_andARecordStoredBeforeItWasKeptStillLoads() {
        LedgerRecords records = new LedgerRecords(collection);
        records.apply(LEDGER, change(LedgerRecords.NONE, 0, Map.of("01/income.total/amount", 500L)));
        java.time.Instant at = java.time.Instant.parse("2020-02-10T08:00:00.123456789Z");
        records.apply(
                LEDGER,
                new LedgerRecords.Change(
                        0,
                        0,
                        1,
                        null,
                        Map.of(),
                        0,
                        null,
                        null,
                        true,
                        new LedgerRecord.Closing(at, 1),
                        null,
                        null,
                        null));

        LedgerRecord closed = records.find(LEDGER).orElseThrow();
        assertThat(closed.closed()).isTrue();
        assertThat(closed.closing()).isEqualTo(new LedgerRecord.Closing(at, 1));

        // as a record closed before the close's instant was kept: closed, the close unknown (a rebuild recomputes it)
        collection.updateOne(
                new Document("_id", LEDGER),
                new Document("$unset", new Document("closedAt", "").append("closedSequence", "")));
        LedgerRecord older = records.find(LEDGER).orElseThrow();
        assertThat(older.closed()).isTrue();
        assertThat(older.closing()).isNull();
        assertThat(older.cells()).containsExactly(Map.entry("01/income.total/amount", 500L));
    }

    private static Map<String, Long> deltas(Random random) {
        Map<String, Long> deltas = new HashMap<>();
        for (int i = 0; i < 1 + random.nextInt(40); i++) {
            deltas.merge(
                    "公开0" + (1 + random.nextInt(8)) + "/" + random.nextInt(30) + ".1/" + random.nextInt(3),
                    (long) random.nextInt(2_000_000) - 500_000,
                    Long::sum);
        }
        return deltas;
    }

    private static LedgerRecords.Change change(long from, long to, Map<String, Long> deltas) {
        return new LedgerRecords.Change(from, 0, to, null, deltas, 1, null, null, null, null, null, null, null);
    }
}
