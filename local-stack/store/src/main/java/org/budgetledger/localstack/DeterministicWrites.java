package org.budgetledger.localstack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a write command give the same result when the journal replays it: whatever the server would choose by itself
 * (an inserted document's {@code _id}, an upsert's new {@code _id}, {@code $currentDate}) is chosen once, written into
 * the command, and journaled so. Every other write of the wire protocol is a function of the command and the data.
 */
final class DeterministicWrites {

    private DeterministicWrites() {
    }

    /** Fixes the server's own choices in the command, in place. */
    static void fix(String command, Document body) {
        switch (command.toLowerCase(Locale.ROOT)) {
            case "insert" -> eachDocument(body.get("documents"), DeterministicWrites::withId);
            case "update" -> eachDocument(body.get("updates"), s -> fixUpdate(s, "q", "u"));
            case "findandmodify" -> fixUpdate(body, "query", "update");
            default -> {
                // nothing else the server chooses by itself
            }
        }
    }

    private static void eachDocument(Object value, java.util.function.Consumer<Document> action) {
        if (value instanceof List<?> list) {
            list.stream().filter(Document.class::isInstance).map(Document.class::cast).forEach(action);
        }
    }

    private static void withId(Document document) {
        if (!document.containsKey("_id")) {
            document.put("_id", new ObjectId());
        }
    }

    private static void fixUpdate(Document statement, String queryKey, String updateKey) {
        if (!(statement.get(updateKey) instanceof Document update)) {
            return; // a pipeline update, or none (a findAndModify that removes)
        }
        fixCurrentDate(update);
        boolean upsert = Boolean.TRUE.equals(statement.get("upsert"));
        Object query = statement.get(queryKey);
        boolean idFromQuery = query instanceof Document q && q.containsKey("_id") && !isOperator(q.get("_id"));
        if (!upsert || idFromQuery) {
            return;
        }
        if (isOperatorUpdate(update)) {
            Document onInsert = update.get("$setOnInsert") instanceof Document d ? d : new Document();
            if (!onInsert.containsKey("_id") && !setsId(update)) {
                onInsert.put("_id", new ObjectId());
                update.put("$setOnInsert", onInsert);
            }
        } else {
            withId(update);
        }
    }

    /** {@code $currentDate: {field: true | {$type: "date"}}} becomes {@code $set} of the instant it ran at. */
    private static void fixCurrentDate(Document update) {
        if (!(update.remove("$currentDate") instanceof Document fields)) {
            return;
        }
        Document set = update.get("$set") instanceof Document d ? d : new Document();
        Instant now = Instant.now();
        fields.forEach((field, spec) -> set.put(field, now));
        update.put("$set", set);
    }

    private static boolean setsId(Document update) {
        return update.values().stream().anyMatch(v -> v instanceof Map<?, ?> m && m.containsKey("_id"));
    }

    private static boolean isOperatorUpdate(Document update) {
        return update.keySet().stream().anyMatch(k -> k.startsWith("$"));
    }

    private static boolean isOperator(Object value) {
        return value instanceof Map<?, ?> m && m.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith("$"));
    }
}
