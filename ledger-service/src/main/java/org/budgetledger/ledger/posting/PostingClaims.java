package org.budgetledger.ledger.posting;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Which ledger a sourceSystem + postingId belongs to. The idempotency key spans ledgers
 * (docs/POSTINGS.md#idempotency), while each ledger only knows its own postings: a claim, made before recording, is
 * what finds the same id sent to another ledger. Claims are inserted in bulk and guarded by the unique _id.
 */
@Component
public class PostingClaims {

    private final MongoCollection<Document> claims;

    public PostingClaims(MongoDatabaseFactory databases) {
        this.claims = databases.getMongoDatabase().getCollection("posting_claims");
    }

    /** The answer for one key: made now, held by the same ledger already, or held by another ledger since when. */
    public record Claim(String key, boolean madeNow, String ledger, Instant since) {}

    public static String key(String sourceSystem, String postingId) {
        return postingId + "|" + sourceSystem; // postingId never contains '|'
    }

    /** Claims each key for its ledger unless claimed already; answers in order. */
    public List<Claim> claim(List<String> keys, List<String> ledgers, Instant now) {
        List<Document> docs = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            docs.add(new Document("_id", keys.get(i))
                    .append("ledger", ledgers.get(i))
                    .append("at", Date.from(now)));
        }
        Set<Integer> taken = new HashSet<>();
        if (!docs.isEmpty()) {
            try {
                claims.insertMany(docs, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    taken.add(error.getIndex());
                }
            }
        }
        List<Claim> result = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            if (!taken.contains(i)) {
                result.add(new Claim(keys.get(i), true, ledgers.get(i), now));
                continue;
            }
            Document existing =
                    claims.find(new Document("_id", keys.get(i))).limit(1).first();
            if (existing == null) { // released meanwhile: claim again, one by one
                result.add(claim(List.of(keys.get(i)), List.of(ledgers.get(i)), now)
                        .get(0));
                continue;
            }
            result.add(new Claim(
                    keys.get(i),
                    false,
                    existing.getString("ledger"),
                    existing.getDate("at").toInstant()));
        }
        return result;
    }

    /** Gives up a claim made for a posting that was then rejected, so the id stays free. */
    public void release(String key, String ledger) {
        claims.deleteOne(new Document("_id", key).append("ledger", ledger));
    }

    /** Moves a stale claim (its ledger never recorded the posting) to another ledger; false if it changed meanwhile. */
    public boolean takeOver(String key, String fromLedger, String toLedger, Instant now) {
        return claims.updateOne(
                                new Document("_id", key).append("ledger", fromLedger),
                                new Document("$set", new Document("ledger", toLedger).append("at", Date.from(now))))
                        .getModifiedCount()
                == 1;
    }
}
