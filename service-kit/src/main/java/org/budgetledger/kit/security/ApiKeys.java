package org.budgetledger.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
 */
public final class ApiKeys {

    private record Known(byte[] digest, String id, Caller caller) {}

    /** A key that matched: its id and its caller. */
    public record Identified(String id, Caller caller) {}

    private static final String ROOT_CONTEXT = "budget-ledger/api-keys/v1";

    private final byte[] root;
    private final List<Known> keys;

    public ApiKeys(List<SecurityProperties.ApiKey> configured) {
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
        return Optional.ofNullable(found).map(k -> new Identified(k.id(), k.caller()));
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
        return Optional.ofNullable(found);
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
                new HashSet<>(k.sourceSystems()));
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

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
