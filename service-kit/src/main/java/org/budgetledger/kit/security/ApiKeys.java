package org.budgetledger.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configured API keys and who each one is: what {@link ApiKeyFilter} checks a presented key against, and what a
 * sign-in page checks a typed key against, so that both accept exactly the same keys with the same roles. Keys are
 * compared as SHA-256 digests in constant time (every key is compared, found or not) and never kept in clear beyond
 * the configuration.
 *
 * <p>A key also has an <em>id</em>: an HMAC of the key under a secret derived from every configured key. The id names
 * the key in a signed session (the key itself never leaves the server again), it is the same on every instance that
 * has the same keys, and changing any key changes every id, which ends the sessions made with the old ones.
 *
 * <p>Beside the configured keys (the installation's bootstrap administrators) stand the <em>issued</em> keys: managed
 * through the ledger's {@code /api/v1/admin/keys}, kept there as SHA-256 digests only, and handed to this class as a
 * snapshot by whoever reads that list ({@link #issued}). A snapshot is trusted only until its {@code validUntil}: a
 * service that cannot read the list again stops accepting issued keys rather than accept a revoked one.
 */
public final class ApiKeys {

    private record Known(byte[] digest, String id, Caller caller) {}

    /** A key that matched: its id and its caller. */
    public record Identified(String id, Caller caller) {}

    /**
     * An issued key as the ledger serves it to whoever checks keys: its id, the SHA-256 digest of the key (hex), its
     * role, scope and source systems.
     */
    public record IssuedKey(String id, String digest, Role role, String scope, List<String> sourceSystems) {

        public Caller caller() {
            return new Caller("key:" + id, java.util.Set.of(role), java.util.Set.copyOf(sourceSystems), scope);
        }
    }

    private record Issued(
            Map<String, Identified> byDigest, Map<String, Identified> byId, Instant validUntil, Instant readAt) {}

    private static final String ROOT_CONTEXT = "budget-ledger/api-keys/v1";

    private final byte[] root;
    private final List<Known> keys;
    private final Clock clock;
    private volatile Issued issued;

    public ApiKeys(List<SecurityProperties.ApiKey> configured) {
        this(configured, Clock.systemUTC());
    }

    public ApiKeys(List<SecurityProperties.ApiKey> configured, Clock clock) {
        this.clock = clock;
        this.issued = new Issued(Map.of(), Map.of(), Instant.MIN, clock.instant());
        this.root = root(configured);
        this.keys = configured.stream()
                .map(k -> {
                    byte[] digest = digest(k.key());
                    return new Known(digest, id(digest), caller(k));
                })
                .toList();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The issued keys as just read, trusted until {@code validUntil}; the previous snapshot is replaced whole. */
    public void issued(List<IssuedKey> current, Instant validUntil) {
        Map<String, Identified> byDigest = new HashMap<>();
        Map<String, Identified> byId = new HashMap<>();
        for (IssuedKey k : current) { // each caller made once per reading, not once per request
            Identified identified = new Identified(k.id(), k.caller());
            byDigest.put(k.digest(), identified);
            byId.put(k.id(), identified);
        }
        issued = new Issued(Map.copyOf(byDigest), Map.copyOf(byId), validUntil, clock.instant());
    }

    /** How many issued keys the last reading held (metric budgetledger_issued_keys). */
    public int issuedCount() {
        return issued.byId().size();
    }

    /** Seconds since the issued keys were last read (since start before the first reading). */
    public double issuedAgeSeconds() {
        return java.time.Duration.between(issued.readAt(), clock.instant()).toMillis() / 1000.0;
    }

    private Map<String, Identified> issuedBy(java.util.function.Function<Issued, Map<String, Identified>> index) {
        Issued now = issued;
        return clock.instant().isBefore(now.validUntil()) ? index.apply(now) : Map.of();
    }

    /** The caller of a presented key, if it is one of ours. */
    public Optional<Caller> caller(String presented) {
        return identify(presented).map(Identified::caller);
    }

    /** The id and caller of a presented key, if it is one of ours. */
    public Optional<Identified> identify(String presented) {
        byte[] digest = digest(presented);
        Known found = null;
        for (Known k : keys) { // every key is compared, found or not, so timing tells nothing
            if (MessageDigest.isEqual(k.digest(), digest)) {
                found = k;
            }
        }
        if (found != null) {
            return Optional.of(new Identified(found.id(), found.caller()));
        }
        // looked up by digest: a digest tells nothing of the key, so a map's timing tells nothing either
        return Optional.ofNullable(issuedBy(Issued::byDigest).get(hex(digest)));
    }

    /** The caller of a key id (as {@link #identify} gave it), while that key is still configured. */
    public Optional<Caller> callerOfId(String id) {
        byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Known k : keys) {
            if (MessageDigest.isEqual(k.id().getBytes(StandardCharsets.UTF_8), wanted)) {
                found = k.caller();
            }
        }
        if (found != null) {
            return Optional.of(found);
        }
        return Optional.ofNullable(issuedBy(Issued::byId).get(id)).map(Identified::caller);
    }

    /**
     * A secret for one purpose (e.g. signing sessions), derived from every configured key: the same on every instance
     * with the same keys, unknown to anyone who lacks one of them, and new when any key changes.
     */
    public byte[] derive(String purpose) {
        return hmac(root, "derive:" + purpose);
    }

    private String id(byte[] digest) {
        byte[] mac = hmac(root, "id:" + Base64.getEncoder().encodeToString(digest));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 18));
    }

    private static Caller caller(SecurityProperties.ApiKey k) {
        return new Caller(
                "api-key:"
                        + k.roles().stream()
                                .map(r -> r.name().toLowerCase())
                                .reduce((a, b) -> a + "+" + b)
                                .orElse("none"),
                new HashSet<>(k.roles()),
                new HashSet<>(k.sourceSystems()),
                k.scope());
    }

    /** SHA-256 over every key (in a fixed order, each with its length), the root of the derived secrets. */
    private static byte[] root(List<SecurityProperties.ApiKey> configured) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ROOT_CONTEXT.getBytes(StandardCharsets.UTF_8));
            configured.stream()
                    .map(SecurityProperties.ApiKey::key)
                    .sorted(Comparator.naturalOrder())
                    .forEach(k -> {
                        byte[] bytes = k.getBytes(StandardCharsets.UTF_8);
                        sha.update(java.nio.ByteBuffer.allocate(4)
                                .putInt(bytes.length)
                                .array());
                        sha.update(bytes);
                    });
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of a text under a secret. */
    public static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 digest of a key in hex: what the ledger stores of an issued key. */
    public static String hexDigest(String key) {
        return hex(digest(key));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
