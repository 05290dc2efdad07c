package org.budgetledger.ledger.relay;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

/**
 * One relay at a time across ledger-service instances, so that each stream leaves in order from one place.
 * A lease in the store, renewed while alive; another instance takes over once it expires.
 */
final class RelayLease {

    private final MongoCollection<Document> leases;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param owner this instance's identity, stable across restarts (host and port), so that an instance restarted
     *              after a crash takes its own lease back at once instead of waiting for it to expire
     */
    RelayLease(MongoDatabaseFactory databases, String owner, Duration ttl, Clock clock) {
        this.owner = owner;
        this.leases = databases.getMongoDatabase().getCollection("relay_lease");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Acquires or renews the lease; true when this instance holds it now. */
    boolean acquire() {
        Date now = Date.from(clock.instant());
        Date until = Date.from(clock.instant().plus(ttl));
        Document mineOrExpired = new Document("_id", "relay")
                .append("$or", List.of(new Document("owner", owner), new Document("until", new Document("$lt", now))));
        if (leases.updateOne(mineOrExpired, new Document("$set", new Document("owner", owner).append("until", until))).getMatchedCount() == 1) {
            return true;
        }
        try {
            leases.insertOne(new Document("_id", "relay").append("owner", owner).append("until", until));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another instance holds a live lease
            }
            throw e;
        }
    }

    void release() {
        leases.deleteOne(new Document("_id", "relay").append("owner", owner));
    }
}
