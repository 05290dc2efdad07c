package org.budgetledger.projection.workspace.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.kit.security.Role;

/**
 * The workspace's session tokens: {@code v1.<key id>.<issued>.<expires>.<nonce>.<signature>}, signed with HMAC-SHA256.
 * The token names the API key it was signed in with by its id ({@link ApiKeys#identify}), never the key itself, and
 * holds no role: the roles are the key's as configured now, so a token outlives neither its key nor a change of the
 * key's roles. Nothing is kept on the server, so any instance with the same secret accepts it.
 *
 * <p>A user signed in through the operators' identity provider (OidcSignIn) has no key: the token is
 * {@code v3.<subject>.<roles>.<scope>.<issued>.<expires>.<nonce>.<signature>} and carries the roles and the unit scope
 * the provider's ID token gave at sign-in, for the session's lifetime (the provider decides again at the next sign-in).
 * (v2 tokens, which had no scope, are no longer accepted: their users sign in again.)
 */
public final class SessionTokens {

    /** A verified session: who it is, its token, its form token and when it ends. */
    public record Session(String token, Caller caller, String formToken, Instant expires) {}

    private static final String VERSION = "v1";
    private static final String PROVIDER_VERSION = "v3";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final ApiKeys keys;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SessionTokens(byte[] secret, ApiKeys keys, Duration lifetime, Clock clock) {
        this.secret = secret.clone();
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A new session for the key of this id. */
    public String issue(String keyId) {
        return signed(VERSION, keyId);
    }

    /** A new session for a user of the identity provider, with the roles and scope its ID token gave. */
    public String issue(String subject, java.util.Set<Role> roles, String scope) {
        String names = roles.stream()
                .map(Role::name)
                .sorted()
                .reduce((a, b) -> a + "," + b)
                .orElse("");
        return signed(
                PROVIDER_VERSION,
                B64.encodeToString(subject.getBytes(StandardCharsets.UTF_8)),
                names,
                B64.encodeToString(scope.getBytes(StandardCharsets.UTF_8)));
    }

    private String signed(String version, String... who) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Instant now = clock.instant();
        String payload = String.join(
                ".",
                version,
                String.join(".", who),
                String.valueOf(now.getEpochSecond()),
                String.valueOf(now.plus(lifetime).getEpochSecond()),
                B64.encodeToString(nonce));
        return payload + "." + sign(payload);
    }

    /**
     * The session of a token: signed by us, not expired, and (v1) of a key that is still configured; a v2 token
     * holds its roles itself.
     */
    public Optional<Session> verify(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] presented = token.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII), presented)) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.", -1);
        boolean key = parts.length == 5 && parts[0].equals(VERSION);
        boolean provider = parts.length == 7 && parts[0].equals(PROVIDER_VERSION);
        if (!key && !provider) {
            return Optional.empty();
        }
        int at = parts.length - 3; // issued, expires, nonce: the last three
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[at + 1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        Optional<Caller> caller = key ? keys.callerOfId(parts[1]) : providerCaller(parts[1], parts[2], parts[3]);
        return caller.map(c -> new Session(token, c, formToken(parts[at + 2]), expires));
    }

    private static Optional<Caller> providerCaller(String subject, String roles, String scope) {
        try {
            java.util.Set<Role> granted = java.util.EnumSet.noneOf(Role.class);
            for (String role : roles.isEmpty() ? new String[0] : roles.split(",")) {
                granted.add(Role.valueOf(role));
            }
            String name = new String(java.util.Base64.getUrlDecoder().decode(subject), StandardCharsets.UTF_8);
            String unit = new String(java.util.Base64.getUrlDecoder().decode(scope), StandardCharsets.UTF_8);
            return Optional.of(new Caller("oidc:" + name, granted, java.util.Set.of(), unit));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // signed by us, so never in practice; still no exception out of verify
        }
    }

    /** The token a form of this session carries (a second proof, beside the page's origin, that it is ours). */
    private String formToken(String nonce) {
        return B64.encodeToString(java.util.Arrays.copyOf(ApiKeys.hmac(secret, "form:" + nonce), 18));
    }

    private String sign(String payload) {
        return B64.encodeToString(ApiKeys.hmac(secret, "session:" + payload));
    }
}
