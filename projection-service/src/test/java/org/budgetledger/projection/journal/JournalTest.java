package org.budgetledger.projection.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.bson.Document;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The journal against the embedded store over the network: order, bounds, gaps and idempotent writes across buckets. */
class JournalTest {

    static MongoClient client;
    static MongoDatabase db;

    @BeforeAll
    static void connect() {
        String uri = TestInfra.freshMongoDatabase("journal");
        client = MongoClients.create(uri.substring(0, uri.lastIndexOf('/')));
        db = client.getDatabase(uri.substring(uri.lastIndexOf('/') + 1));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void readsEveryEntryInOrderUpToTheBoundAcrossManyBucketsAndGaps() {
        Journal journal = new Journal(db.getCollection("journal_order"), 3);
        // sequences 1..400 without the multiples of 7 (profile events), and none at all in 100..130 (whole buckets
        // missing)
        List<JournalEntry> written = LongStream.rangeClosed(1, 400)
                .filter(s -> s % 7 != 0 && (s < 100 || s > 130))
                .mapToObj(s -> entry("L1", s))
                .toList();
        List<JournalEntry> shuffled = new ArrayList<>(written);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        for (int from = 0; from < shuffled.size(); from += 37) {
            journal.write("L1", shuffled.subList(from, Math.min(shuffled.size(), from + 37)), Map.of());
        }
        journal.write("L1", written.subList(0, 50), Map.of()); // written again: changes nothing
        journal.write("L2", List.of(entry("L2", 5)), Map.of()); // another ledger's bucket beside

        long perRead = 3L * Journal.BUCKETS_PER_READ; // sequences per round trip
        for (long bound : new long[] {0, 1, 2, 3, 99, perRead - 1, perRead, perRead + 1, 2 * perRead, 400, 10_000}) {
            assertThat(journal.all("L1", bound))
                    .as("up to %d", bound)
                    .extracting(JournalEntry::sequence)
                    .containsExactlyElementsOf(written.stream()
                            .map(JournalEntry::sequence)
                            .filter(s -> s <= bound)
                            .toList());
        }
        assertThat(journal.all("L1", 400)).containsExactlyElementsOf(written);
        assertThat(journal.all("L2", 400)).extracting(JournalEntry::sequence).containsExactly(5L);
        assertThat(journal.entry("L1", 250)).get().isEqualTo(entry("L1", 250));
        assertThat(journal.entry("L1", 245)).isEmpty();
        assertThat(journal.entry("L1", 115)).isEmpty();
        assertThat(db.getCollection("journal_order")
                        .countDocuments(new Document("_id", new Document("$regex", "^L1#"))))
                .isEqualTo(
                        written.stream().map(e -> e.sequence() / 3).distinct().count());
    }

    @Test
    void aRunThatFindsItsNewBucketsWrittenAlready_neverOverwritesThem() {
        Journal journal = new Journal(db.getCollection("journal_race"), 50);
        List<JournalEntry> all =
                LongStream.rangeClosed(0, 130).mapToObj(s -> entry("L4", s)).toList();
        journal.write("L4", all.subList(0, 71), Map.of()); // buckets 0 and 1 new: inserted whole
        // stale writers (another instance, a redelivery) with runs over the same buckets, each expecting new ones
        journal.write("L4", all.subList(40, 61), Map.of());
        journal.write("L4", all.subList(50, 56), Map.of());
        journal.write("L4", all.subList(100, 131), Map.of()); // bucket 2 new
        journal.write("L4", all.subList(71, 131), Map.of()); // bucket 2 written already

        assertThat(journal.all("L4", 130)).containsExactlyElementsOf(all);
    }

    @Test
    void thePostingIndexFindsEachPostingAndItsReversal_howeverOftenARunIsWritten() {
        PostingIndex index = new PostingIndex(db.getCollection("posting_index"));
        JournalEntry original = entry("L5", 1);
        Posting reversal = new Posting(
                "R-1",
                "test",
                "U",
                2020,
                PostingType.REVERSAL,
                null,
                null,
                null,
                null,
                null,
                null,
                LocalDate.of(2020, 3, 2),
                null,
                null,
                null,
                "P-1",
                null);
        JournalEntry reversing = new JournalEntry(
                "L5",
                2,
                "e-2",
                Instant.parse("2020-03-02T00:00:00Z"),
                "c-2",
                "rest",
                reversal,
                original.posting(),
                "test");
        List<JournalEntry> run = List.of(original, reversing, entry("L5", 3));

        index.write(run);
        index.write(run); // a redelivery: the inserts find their postings there already
        index.write(run.subList(1, 3));

        assertThat(index.find("test", "P-1"))
                .contains(new PostingIndex.Location("L5", 1, new PostingIndex.Reversal("R-1", 2, "e-2")));
        assertThat(index.find("test", "R-1")).contains(new PostingIndex.Location("L5", 2, null));
        assertThat(index.find("test", "P-3")).contains(new PostingIndex.Location("L5", 3, null));
        assertThat(index.find("test", "P-4")).isEmpty();
    }

    @Test
    void aLedgerReadEndsAtItsCursorHoweverLongTheStream() {
        Journal journal = new Journal(db.getCollection("journal_bound"), 50);
        journal.write("L3", List.of(entry("L3", 0), entry("L3", 1)), Map.of());
        List<JournalEntry> seen = new ArrayList<>();
        journal.read("L3", 1, seen::add);
        assertThat(seen).hasSize(2);
        PostingLookup lookup = new PostingLookup(journal);
        assertThat(lookup.find("L3", 1, "test", "P-1")).isPresent();
        journal.write("L3", List.of(entry("L3", 2)), Map.of());
        // written after the lookup read the ledger (as by another instance): found by reading it again
        assertThat(lookup.find("L3", 2, "test", "P-2")).isPresent();
        assertThat(lookup.find("L3", 2, "test", "P-9")).isEmpty();
    }

    private static JournalEntry entry(String ledger, long sequence) {
        Posting p = new Posting(
                "P-" + sequence,
                "test",
                "U",
                2020,
                PostingType.INCOME,
                FundSource.GENERAL_BUDGET,
                null,
                null,
                null,
                null,
                Money.ofFen(100 + sequence),
                LocalDate.of(2020, 3, 1),
                null,
                null,
                null,
                null,
                null);
        return new JournalEntry(
                ledger,
                sequence,
                "e-" + sequence,
                Instant.parse("2020-03-01T00:00:00Z").plusSeconds(sequence),
                "c-" + sequence,
                "rest",
                p,
                null,
                "test");
    }
}
