package org.budgetledger.ledger.keys;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.IssuedKeyReading;
import org.budgetledger.kit.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * The keys issued through the API, in the ledger's database ({@code apiKeys}): the SHA-256 digest of each key, never
 * the key, with its role, scope, source systems and label, who issued it and who revoked it. Revoked keys stay, for the
 * record. Every 2 s the active ones are handed to {@link ApiKeys}, trusted for {@link #TRUSTED}: an
 * instance that cannot read the store stops accepting issued keys rather than accept one revoked meanwhile.
 */
@Component
public class IssuedKeys
        implements org.springframework.beans.factory.SmartInitializingSingleton,
                org.springframework.beans.factory.DisposableBean {

    /** A key as listed: everything but the secret, which is not kept. */
    public record Listed(
            String id,
            Role role,
            String scope,
            List<String> sourceSystems,
            String label,
            Instant createdAt,
            String createdBy,
            Instant revokedAt,
            String revokedBy) {}

    /** How long a snapshot is believed; with the projection's reading every 3 s, a revocation holds within 10 s. */
    public static final Duration TRUSTED = Duration.ofSeconds(8);

    static final int MAX_ACTIVE = 10_000;
    private static final String PREFIX = "blk_";
    private static final Logger log = LoggerFactory.getLogger(IssuedKeys.class);

    private final MongoCollection<Document> keys;
    private final IssuedKeyReading reading;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IssuedKeys(MongoDatabaseFactory databases, ApiKeys apiKeys, Clock clock) {
        this.keys = databases.getMongoDatabase().getCollection("apiKeys");
        this.reading = new IssuedKeyReading("the store", this::active, apiKeys, Duration.ofSeconds(2), TRUSTED);
        this.clock = clock;
        keys.createIndex(Indexes.ascending("digest"), new IndexOptions().unique(true));
    }

    /** A new key: answered once, with the record the store keeps of it. */
    public record Issued(String key, Listed listed) {}

    public Issued issue(KeyRequest request, String issuedBy) {
        if (keys.countDocuments(new Document("revokedAt", null)) >= MAX_ACTIVE) {
            throw new IllegalStateException("at most " + MAX_ACTIVE + " active keys: revoke some first");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = "key-" + HexFormat.of().formatHex(idBytes);
        Document doc = new Document("_id", id)
                .append("digest", ApiKeys.hexDigest(key))
                .append("role", request.role().name())
                .append("scope", request.scope())
                .append("sourceSystems", request.sourceSystems())
                .append("label", request.label())
                .append("createdAt", Date.from(clock.instant()))
                .append("createdBy", issuedBy)
                .append("revokedAt", null)
                .append("revokedBy", null);
        keys.insertOne(doc);
        refresh();
        log.info(
                "key {} issued by {}: {} scope {} ({})",
                id,
                issuedBy,
                request.role(),
                request.scope(),
                request.label());
        return new Issued(key, listed(doc));
    }

    /** Every key, active and revoked, oldest first (at most {@code limit}). */
    public List<Listed> list(int limit) {
        List<Listed> all = new ArrayList<>();
        keys.find().sort(Sorts.ascending("createdAt", "_id")).limit(limit).forEach(d -> all.add(listed(d)));
        return all;
    }

    /** Revokes the key (again: unchanged); empty when there is no such key. */
    public Optional<Listed> revoke(String id, String revokedBy) {
        Document now = new Document("revokedAt", Date.from(clock.instant())).append("revokedBy", revokedBy);
        keys.updateOne(new Document("_id", id).append("revokedAt", null), new Document("$set", now));
        Document doc = keys.find(new Document("_id", id)).first();
        if (doc == null) {
            return Optional.empty();
        }
        refresh();
        log.info("key {} revoked by {}", id, revokedBy);
        return Optional.of(listed(doc));
    }

    /** The active keys' digests, for the projection service to recognise them. */
    public List<ApiKeys.IssuedKey> active() {
        List<ApiKeys.IssuedKey> found = new ArrayList<>();
        keys.find(new Document("revokedAt", null)).limit(MAX_ACTIVE).forEach(d -> {
            Listed k = listed(d);
            found.add(new ApiKeys.IssuedKey(k.id(), d.getString("digest"), k.role(), k.scope(), k.sourceSystems()));
        });
        return found;
    }

    @Override
    public void afterSingletonsInstantiated() {
        reading.start();
    }

    @Override
    public void destroy() {
        reading.close();
    }

    /** Reads the active keys again now and hands them to the key check (IssuedKeyReading). */
    public void refresh() {
        reading.readNow();
    }

    @SuppressWarnings("unchecked")
    private static Listed listed(Document d) {
        Date revoked = d.getDate("revokedAt");
        return new Listed(
                d.getString("_id"),
                Role.valueOf(d.getString("role")),
                d.getString("scope"),
                List.copyOf((List<String>) d.get("sourceSystems", List.class)),
                d.getString("label"),
                d.getDate("createdAt").toInstant(),
                d.getString("createdBy"),
                revoked == null ? null : revoked.toInstant(),
                d.getString("revokedBy"));
    }
}
