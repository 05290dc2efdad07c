package org.budgetledger.localstack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a write command give the same result when the journal replays it: whatever the server would choose by itself
 * is chosen once and written into the journaled command.
 * <ul>
 *   <li>An inserted document without {@code _id} gets one before it runs.</li>
 *   <li>An {@code update} statement that upserted: the {@code _id} the server gave the new document (from the answer)
 *       goes into the journaled statement, as {@code $setOnInsert} or into the replacement.</li>
 *   <li>A {@code findAndModify} upsert whose query names no {@code _id}: its update gets {@code $setOnInsert: {_id}}
 *       before it runs (the answer does not tell the id); by replacement it is refused, as the server could not
 *       say which id it chose.</li>
 *   <li>{@code $currentDate} becomes a {@code $set} of the instant it ran at (a date, to the millisecond, as BSON
 *       keeps it).</li>
 * </ul>
 * Every other write of the wire protocol is a function of the command and the data.
 */
final class DeterministicWrites {

    private DeterministicWrites() {}

    /** Fixes, before the command runs, what the server would choose itself. */
    static void fix(String command, Document body) {
        switch (command.toLowerCase(Locale.ROOT)) {
            case "insert" -> eachDocument(body.get("documents"), DeterministicWrites::withId);
            case "update" -> eachDocument(body.get("updates"), s -> fixCurrentDate(s.get("u")));
            case "findandmodify" -> fixFindAndModify(body);
            default -> {
                // nothing else the server chooses by itself
            }
        }
    }

    /** Puts the ids the server gave upserted documents (the answer's {@code upserted}) into the journaled statements. */
    static void upsertedIds(String command, Document journaled, Document answer) {
        if (!command.equalsIgnoreCase("update")
                || !(answer.get("upserted") instanceof List<?> upserted)
                || !(journaled.get("updates") instanceof List<?> statements)) {
            return;
        }
        for (Object u : upserted) {
            if (u instanceof Document d
                    && d.get("index") instanceof Number index
                    && index.intValue() < statements.size()
                    && statements.get(index.intValue()) instanceof Document statement
                    && statement.get("u") instanceof Document update) {
                setId(update, d.get("_id"));
            }
        }
    }

    private static void eachDocument(Object value, java.util.function.Consumer<Document> action) {
        if (value instanceof List<?> list) {
            list.stream()
                    .filter(Document.class::isInstance)
                    .map(Document.class::cast)
                    .forEach(action);
        }
    }

    private static void withId(Document document) {
        if (!document.containsKey("_id")) {
            document.put("_id", new ObjectId());
        }
    }

    private static void fixFindAndModify(Document body) {
        if (!(body.get("update") instanceof Document update)) {
            return; // a pipeline update, or a removal
        }
        fixCurrentDate(update);
        boolean upsert = Boolean.TRUE.equals(body.get("upsert"));
        if (!upsert || namesId(body.get("query")) || setsId(update)) {
            return;
        }
        if (!isOperatorUpdate(update)) {
            throw new MongoServerError(
                    2,
                    "BadValue",
                    "the embedded store cannot journal a findAndModify upsert by "
                            + "replacement whose query names no _id: put the _id in the query or the replacement");
        }
        setId(update, new ObjectId());
    }

    /** The id of a document the update inserted: in {@code $setOnInsert}, or in the replacement itself. */
    private static void setId(Document update, Object id) {
        if (isOperatorUpdate(update)) {
            Document onInsert = update.get("$setOnInsert") instanceof Document d ? d : new Document();
            onInsert.put("_id", id);
            update.put("$setOnInsert", onInsert);
        } else {
            update.put("_id", id);
        }
    }

    /** {@code $currentDate: {field: …}} becomes {@code $set} of the instant it ran at. */
    private static void fixCurrentDate(Object value) {
        if (!(value instanceof Document update) || !(update.remove("$currentDate") instanceof Document fields)) {
            return;
        }
        Document set = update.get("$set") instanceof Document d ? d : new Document();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        fields.forEach((field, spec) -> set.put(field, now));
        update.put("$set", set);
    }

    /** Whether the query fixes the _id: a plain value, or {@code {$eq: value}}. */
    private static boolean namesId(Object query) {
        if (!(query instanceof Document q) || !q.containsKey("_id")) {
            return false;
        }
        Object id = q.get("_id");
        return !(id instanceof Map<?, ?> m)
                || m.isEmpty()
                || !m.keySet().stream().allMatch(k -> String.valueOf(k).startsWith("$"))
                || m.size() == 1 && m.containsKey("$eq");
    }

    private static boolean setsId(Document update) {
        return update.containsKey("_id")
                || update.values().stream().anyMatch(v -> v instanceof Map<?, ?> m && m.containsKey("_id"));
    }

    private static boolean isOperatorUpdate(Document update) {
        return update.keySet().stream().anyMatch(k -> k.startsWith("$"));
    }
}
