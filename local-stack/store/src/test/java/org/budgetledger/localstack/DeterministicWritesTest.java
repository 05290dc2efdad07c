package org.budgetledger.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the server would choose itself is chosen before the command runs, so that a replay chooses the same. */
class DeterministicWritesTest {

    @Test
    void anInsertedDocumentWithoutIdGetsOneAndOneWithAnIdKeepsIt() {
        Document without = new Document("n", 1);
        Document with = new Document("_id", "E1");
        DeterministicWrites.fix("insert", new Document("insert", "c").append("documents", List.of(without, with)));
        assertThat(without.get("_id")).isInstanceOf(ObjectId.class);
        assertThat(with.get("_id")).isEqualTo("E1");
    }

    @Test
    void anUpsertWhoseQueryNamesNoIdInsertsWithAnIdChosenNow() {
        Document operators = new Document("q", new Document("mark", "x"))
                .append("u", new Document("$set", new Document("seen", true))).append("upsert", true);
        Document replacement = new Document("q", new Document("mark", "y"))
                .append("u", new Document("mark", "y")).append("upsert", true);
        Document byId = new Document("q", new Document("_id", "F1"))
                .append("u", new Document("$inc", new Document("n", 1))).append("upsert", true);
        Document noUpsert = new Document("q", new Document("mark", "z"))
                .append("u", new Document("$set", new Document("seen", true)));
        DeterministicWrites.fix("update", new Document("update", "c").append("updates", List.of(operators, replacement, byId, noUpsert)));

        assertThat(((Document) ((Document) operators.get("u")).get("$setOnInsert")).get("_id")).isInstanceOf(ObjectId.class);
        assertThat(((Document) replacement.get("u")).get("_id")).isInstanceOf(ObjectId.class);
        assertThat((Document) byId.get("u")).doesNotContainKey("$setOnInsert");
        assertThat((Document) noUpsert.get("u")).doesNotContainKey("$setOnInsert");
    }

    @Test
    void currentDateBecomesTheInstantTheCommandRanAt() {
        Document update = new Document("$currentDate", new Document("at", true));
        Instant before = Instant.now();
        DeterministicWrites.fix("findAndModify", new Document("findAndModify", "c").append("query", new Document("_id", 1))
                .append("update", update));
        assertThat(update).doesNotContainKey("$currentDate");
        assertThat((Instant) ((Document) update.get("$set")).get("at")).isBetween(before, Instant.now());
    }
}
