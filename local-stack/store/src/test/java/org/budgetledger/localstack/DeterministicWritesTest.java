package org.budgetledger.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the server would choose itself is chosen once and journaled, so that a replay chooses the same. */
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
    void theIdsTheServerGaveUpsertedDocumentsGoIntoTheJournaledStatements() {
        Document operators = new Document("q", new Document("mark", "x"))
                .append("u", new Document("$set", new Document("seen", true)))
                .append("upsert", true);
        Document matched = new Document("q", new Document("mark", "y"))
                .append("u", new Document("$set", new Document("seen", true)))
                .append("upsert", true);
        Document replacement = new Document("q", new Document("mark", "z"))
                .append("u", new Document("mark", "z"))
                .append("upsert", true);
        Document journaled = new Document("update", "c").append("updates", List.of(operators, matched, replacement));
        ObjectId first = new ObjectId();
        ObjectId third = new ObjectId();
        Document answer = new Document("n", 3)
                .append(
                        "upserted",
                        List.of(
                                new Document("index", 0).append("_id", first),
                                new Document("index", 2).append("_id", third)));

        DeterministicWrites.upsertedIds("update", journaled, answer);

        assertThat(((Document) ((Document) operators.get("u")).get("$setOnInsert")).get("_id"))
                .isEqualTo(first);
        assertThat((Document) matched.get("u"))
                .as("it matched: nothing inserted")
                .doesNotContainKey("$setOnInsert");
        assertThat(((Document) replacement.get("u")).get("_id")).isEqualTo(third);
    }

    @Test
    void aFindAndModifyUpsertWithoutIdGetsOneAheadAndByReplacementIsRefused() {
        Document update = new Document("$inc", new Document("n", 1));
        DeterministicWrites.fix(
                "findAndModify",
                new Document("findAndModify", "c")
                        .append("query", new Document("mark", "x"))
                        .append("update", update)
                        .append("upsert", true));
        assertThat(((Document) update.get("$setOnInsert")).get("_id")).isInstanceOf(ObjectId.class);

        Document byEq = new Document("$inc", new Document("n", 1));
        DeterministicWrites.fix(
                "findAndModify",
                new Document("findAndModify", "c")
                        .append("query", new Document("_id", new Document("$eq", "F1")))
                        .append("update", byEq)
                        .append("upsert", true));
        assertThat(byEq).as("the query fixes the id").doesNotContainKey("$setOnInsert");

        assertThatThrownBy(() -> DeterministicWrites.fix(
                        "findAndModify",
                        new Document("findAndModify", "c")
                                .append("query", new Document("mark", "x"))
                                .append("update", new Document("mark", "x"))
                                .append("upsert", true)))
                .isInstanceOf(MongoServerError.class)
                .hasMessageContaining("replacement");
    }

    @Test
    void currentDateBecomesTheInstantTheCommandRanAt() {
        Document update = new Document("$currentDate", new Document("at", true));
        Instant before = Instant.now().minusMillis(1);
        DeterministicWrites.fix(
                "update",
                new Document("update", "c")
                        .append("updates", List.of(new Document("q", new Document("_id", 1)).append("u", update))));
        assertThat(update).doesNotContainKey("$currentDate");
        assertThat((Instant) ((Document) update.get("$set")).get("at")).isBetween(before, Instant.now());
    }
}
