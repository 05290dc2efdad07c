package org.budgetledger.projection.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.budgetledger.projection.journal.Journal;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/** A generation keeps the journal bucket size it was written with; a new one takes the current size. */
class JournalLayoutTest {

    @Test
    void aJournalWrittenBeforeSizesWereRecordedKeepsTheOldSizeAndNewGenerationsTakeTheNewOne() throws Exception {
        SimpleMongoClientDatabaseFactory factory =
                new SimpleMongoClientDatabaseFactory(TestInfra.freshMongoDatabase("layout"));
        try {
            factory.getMongoDatabase()
                    .getCollection("journal")
                    .insertOne(new Document("_id", "L#0").append("entries", new Document()));
            Stores stores = new Stores(factory);
            assertThat(stores.of(1).journal().bucketSize()).isEqualTo(Stores.LEGACY_JOURNAL_BUCKET);
            assertThat(stores.of(2).journal().bucketSize()).isEqualTo(Journal.BUCKET);

            // what was recorded holds for every instance, whatever its collections hold by then
            factory.getMongoDatabase().getCollection("journal_g2").insertOne(new Document("_id", "L#0"));
            Stores another = new Stores(factory);
            assertThat(another.of(1).journal().bucketSize()).isEqualTo(Stores.LEGACY_JOURNAL_BUCKET);
            assertThat(another.of(2).journal().bucketSize()).isEqualTo(Journal.BUCKET);

            stores.activate(2);
            another.drop(1);
            assertThat(new Stores(factory).of(1).journal().bucketSize())
                    .as("a dropped generation's size goes with it")
                    .isEqualTo(Journal.BUCKET);
        } finally {
            factory.destroy();
        }
    }
}
