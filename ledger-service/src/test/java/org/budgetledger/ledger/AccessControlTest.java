package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every endpoint but health requires authentication; each role may do its part only; a poster posts only as the
 * source systems its credentials allow. API keys (header, ApiKey scheme, Basic) and bearer tokens alike.
 */
class AccessControlTest extends IntegrationTest {

    private static final KeyPair IDP = rsa();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add(
                "budgetledger.security.jwt.public-key",
                () -> Base64.getEncoder().encodeToString(IDP.getPublic().getEncoded()));
        registry.add("budgetledger.security.jwt.issuer-uri", () -> ISSUER);
        registry.add("budgetledger.security.jwt.audience", () -> AUDIENCE);
    }

    private static final String ISSUER = "https://idp.test/realms/finance";
    private static final String AUDIENCE = "budget-ledger";

    @BeforeEach
    void unit() {
        put(
                "/api/v1/units/ACL/years/2019",
                Fixtures.of(Fixtures.HETANG).units().get(0).get("profile"));
    }

    @Test
    void withoutCredentialsOnlyHealthAnswers() {
        ResponseEntity<String> anonymous = call(HttpMethod.GET, "/actuator/health", null, null);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
        assertThat(read(anonymous.getBody()).has("components"))
                .as("details only for our callers: %s", anonymous.getBody())
                .isFalse();
        assertThat(read(call(HttpMethod.GET, "/actuator/health", null, "viewer-key-for-the-tests-only")
                                .getBody())
                        .has("components"))
                .isTrue();
        for (String path : new String[] {
            "/api/v1/units/ACL/years/2019",
            "/api/v1/catalogues",
            "/actuator/prometheus",
            "/api/v1/ledgers/ACL/2019/verify",
            "/api/v1/streams"
        }) {
            ResponseEntity<String> r = call(HttpMethod.GET, path, null, null);
            assertThat(r.getStatusCode().value()).as(path).isEqualTo(401);
            assertThat(read(r.getBody()).get("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(call(HttpMethod.POST, "/api/v1/postings", posting("A-0", "treasury-payments"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(call(HttpMethod.GET, "/api/v1/catalogues", null, "not-a-key")
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void eachRoleMayDoItsPartAndNothingElse() {
        // poster: posts, may not change profiles, close years or read the event store
        assertThat(call(
                                HttpMethod.POST,
                                "/api/v1/postings",
                                posting("A-1", "treasury-payments"),
                                "poster-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(call(HttpMethod.PUT, "/api/v1/units/ACL/years/2019", profile(), "poster-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(call(HttpMethod.POST, "/api/v1/units/ACL/years/2019/close", "", "poster-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/v1/streams/ACL:2019/events", null, "poster-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        // viewer: reads, posts nothing
        assertThat(call(HttpMethod.GET, "/api/v1/units/ACL/years/2019/ledger", null, "viewer-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        ResponseEntity<String> denied = call(
                HttpMethod.POST,
                "/api/v1/postings",
                posting("A-2", "treasury-payments"),
                "viewer-key-for-the-tests-only");
        assertThat(denied.getStatusCode().value()).isEqualTo(403);
        assertThat(read(denied.getBody()).get("error").asText()).isEqualTo("forbidden");
        assertThat(call(HttpMethod.GET, "/api/v1/ledgers/ACL/2019/verify", null, "viewer-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        // auditor: verifies and exports, changes nothing
        assertThat(call(HttpMethod.GET, "/api/v1/ledgers/ACL/2019/verify", null, "auditor-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/v1/streams/ACL:2019/events", null, "auditor-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(call(
                                HttpMethod.PUT,
                                "/api/v1/catalogues/2019/functional",
                                "{\"codes\": []}",
                                "auditor-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        // admin: profiles, catalogues, close; posts nothing
        assertThat(call(HttpMethod.PUT, "/api/v1/units/ACL/years/2019", profile(), "admin-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(call(
                                HttpMethod.POST,
                                "/api/v1/postings",
                                posting("A-3", "treasury-payments"),
                                "admin-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        // metrics: any of our roles
        assertThat(call(HttpMethod.GET, "/actuator/prometheus", null, "viewer-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void aPosterCannotPostAsAnotherSourceSystem() {
        ResponseEntity<String> spoofed = call(
                HttpMethod.POST, "/api/v1/postings", posting("S-1", "somebody-else"), "poster-key-for-the-tests-only");
        assertThat(spoofed.getStatusCode().value()).isEqualTo(403);
        assertThat(read(spoofed.getBody()).get("field").asText()).isEqualTo("sourceSystem");
        int before = ledger("ACL", 2019).get("postings").asInt();
        String batch = "[" + posting("S-2", "treasury-payments") + "," + posting("S-3", "somebody-else") + "]";
        assertThat(call(HttpMethod.POST, "/api/v1/postings/batch", batch, "poster-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(ledger("ACL", 2019).get("postings").asInt())
                .as("nothing of a refused batch is recorded")
                .isEqualTo(before);
        assertThat(call(HttpMethod.POST, "/api/v1/postings", posting("S-4", "demo"), "poster-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        // the ledger's own source system: not even a key that may post as any system ("*") may use it
        ResponseEntity<String> internal =
                call(HttpMethod.POST, "/api/v1/postings", posting("CLOSE-ACL-2018-0001", "year-close"), ALL_ROLES_KEY);
        assertThat(internal.getStatusCode().value()).isEqualTo(403);
        assertThat(read(internal.getBody()).get("error").asText()).isEqualTo("forbidden.source_system");
        assertThat(read(internal.getBody()).get("field").asText()).isEqualTo("sourceSystem");
    }

    @Test
    void keysCanTravelAsApiKeySchemeOrBasicPassword() {
        HttpHeaders apiKeyScheme = new HttpHeaders();
        apiKeyScheme.set("Authorization", "ApiKey viewer-key-for-the-tests-only");
        assertThat(exchange(HttpMethod.GET, "/api/v1/catalogues", null, apiKeyScheme)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        HttpHeaders basic = new HttpHeaders();
        basic.setBasicAuth("anyone", "viewer-key-for-the-tests-only");
        assertThat(exchange(HttpMethod.GET, "/api/v1/catalogues", null, basic)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        HttpHeaders forgedFromAnotherSite = new HttpHeaders();
        forgedFromAnotherSite.setBasicAuth("anyone", "admin-key-for-the-tests-only");
        ResponseEntity<String> close =
                exchange(HttpMethod.POST, "/api/v1/units/ACL/years/2019/close", "", forgedFromAnotherSite);
        assertThat(close.getStatusCode().value())
                .as("Basic changes nothing: %s", close.getBody())
                .isEqualTo(401);
        assertThat(close.getBody()).contains("reading only");
        assertThat(exchange(HttpMethod.PUT, "/api/v1/units/ACL/years/2019", profile(), forgedFromAnotherSite)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void bearerTokensOfTheIdentityProviderCarryRolesAndSourceSystems() throws Exception {
        HttpHeaders poster = bearer(token(
                "payments-bot",
                "[\"POSTER\"]",
                "[\"treasury-payments\"]",
                Instant.now().plusSeconds(300)));
        assertThat(exchange(HttpMethod.POST, "/api/v1/postings", posting("J-1", "treasury-payments"), poster)
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(exchange(HttpMethod.POST, "/api/v1/postings", posting("J-2", "demo"), poster)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(exchange(HttpMethod.PUT, "/api/v1/units/ACL/years/2019", profile(), poster)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        HttpHeaders expired =
                bearer(token("late", "[\"ADMIN\"]", "[]", Instant.now().minusSeconds(300)));
        assertThat(exchange(HttpMethod.GET, "/api/v1/catalogues", null, expired)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        HttpHeaders forged =
                bearer(forge(token("forger", "[\"ADMIN\"]", "[]", Instant.now().plusSeconds(300))));
        assertThat(exchange(HttpMethod.GET, "/api/v1/catalogues", null, forged)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void aTokenCountsOnlyFromOurIssuerForThisServiceWithRolesSpelledExactly() throws Exception {
        Instant later = Instant.now().plusSeconds(300);
        assertThat(exchange(
                                HttpMethod.GET,
                                "/api/v1/catalogues",
                                null,
                                bearer(token("other-service", "[\"ADMIN\"]", "[]", later, ISSUER, "\"payroll\"")))
                        .getStatusCode()
                        .value())
                .as("a token for another service")
                .isEqualTo(401);
        assertThat(exchange(
                                HttpMethod.GET,
                                "/api/v1/catalogues",
                                null,
                                bearer(token("no-audience", "[\"ADMIN\"]", "[]", later, ISSUER, null)))
                        .getStatusCode()
                        .value())
                .as("a token without an audience")
                .isEqualTo(401);
        assertThat(exchange(
                                HttpMethod.GET,
                                "/api/v1/catalogues",
                                null,
                                bearer(token(
                                        "elsewhere",
                                        "[\"ADMIN\"]",
                                        "[]",
                                        later,
                                        "https://idp.test/realms/other",
                                        "\"budget-ledger\"")))
                        .getStatusCode()
                        .value())
                .as("a token of another issuer signed with the same key")
                .isEqualTo(401);
        assertThat(exchange(
                                HttpMethod.GET,
                                "/api/v1/catalogues",
                                null,
                                bearer(token(
                                        "both",
                                        "[\"VIEWER\"]",
                                        "[]",
                                        later,
                                        ISSUER,
                                        "[\"payroll\",\"budget-ledger\"]")))
                        .getStatusCode()
                        .value())
                .as("one of several audiences")
                .isEqualTo(200);
        HttpHeaders unscoped =
                bearer(token("unscoped", "[\"AUDITOR\"]", "[]", later, ISSUER, "\"" + AUDIENCE + "\"", null));
        assertThat(exchange(HttpMethod.GET, "/api/v1/streams", null, unscoped)
                        .getStatusCode()
                        .value())
                .as("a token that names no unit scope covers nothing")
                .isEqualTo(403);
        HttpHeaders lowerCase = bearer(token("folded", "[\"admin\",\" VIEWER\"]", "[]", later));
        assertThat(exchange(HttpMethod.GET, "/api/v1/catalogues", null, lowerCase)
                        .getStatusCode()
                        .value())
                .as("role names match exactly")
                .isEqualTo(403);
        assertThat(exchange(HttpMethod.GET, "/actuator/prometheus", null, lowerCase)
                        .getStatusCode()
                        .value())
                .as("metrics need one of our roles")
                .isEqualTo(403);
    }

    /**
     * The token with one character of its signature changed: not the last one, whose low bits are padding that a
     * decoder may ignore (the old replace-the-last-with-"A" forged nothing when it was "A" already, or differed there only).
     */
    private static String forge(String token) {
        int at = token.length() - 10;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "[" + "\"x\",".repeat(3_000_000) + "\"x\"]";
        assertThat(call(HttpMethod.POST, "/api/v1/postings/batch", huge, "poster-key-for-the-tests-only")
                        .getStatusCode()
                        .value())
                .isEqualTo(413);
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String body, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Authorization", "None"); // not the all-roles key of the other tests
        if (key != null) {
            headers.set("X-API-Key", key);
        }
        return exchange(method, path, body, headers);
    }

    private ResponseEntity<String> exchange(HttpMethod method, String path, String body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static String posting(String id, String sourceSystem) {
        ObjectNode p = JSON.createObjectNode()
                .put("postingId", id)
                .put("sourceSystem", sourceSystem)
                .put("unitCode", "ACL")
                .put("fiscalYear", 2019)
                .put("type", "APPROPRIATION")
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", "2013701")
                .put("amount", "10.00")
                .put("occurredOn", "2019-04-01");
        return p.toString();
    }

    private static String profile() {
        return Fixtures.of(Fixtures.HETANG).units().get(0).get("profile").toString();
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token);
        return h;
    }

    private static String token(String subject, String roles, String sourceSystems, Instant expires) throws Exception {
        return token(subject, roles, sourceSystems, expires, ISSUER, "\"" + AUDIENCE + "\"");
    }

    /** A token as the identity provider would sign it (RS256); audience as JSON (a string or an array), or none. */
    private static String token(
            String subject, String roles, String sourceSystems, Instant expires, String issuer, String audience)
            throws Exception {
        return token(subject, roles, sourceSystems, expires, issuer, audience, "*");
    }

    /** As above, with the unit scope the token names (null: none). */
    private static String token(
            String subject,
            String roles,
            String sourceSystems,
            Instant expires,
            String issuer,
            String audience,
            String scope)
            throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"iss\":\"" + issuer + "\""
                        + (audience == null ? "" : ",\"aud\":" + audience) + ",\"roles\":" + roles
                        + ",\"source_systems\":" + sourceSystems
                        + (scope == null ? "" : ",\"unit_scope\":\"" + scope + "\"")
                        + ",\"iat\":" + Instant.now().minusSeconds(60).getEpochSecond() + ",\"exp\":"
                        + expires.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(IDP.getPrivate());
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rs256.sign());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
