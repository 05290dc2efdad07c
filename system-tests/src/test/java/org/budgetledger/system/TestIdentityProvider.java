package org.budgetledger.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider for the tests, as small as the protocol allows: discovery, an authorization endpoint that
 * signs in at once as the user the test chose ({@link #signInAs}), a token endpoint that answers an RS256 ID token
 * carrying that user's {@code roles}, and its key set. It checks what a provider checks: the client's secret, the
 * code's single use, the redirect address. Written with the JDK alone, so that it shares nothing with the code under
 * test (Spring Security's OAuth2 client).
 */
final class TestIdentityProvider implements AutoCloseable {

    static final String CLIENT_ID = "budget-ledger-workspace";
    static final String CLIENT_SECRET = "test-provider-client-secret-0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private record User(String subject, List<String> roles) {}

    private record Grant(User user, String nonce, String redirectUri) {}

    private final HttpServer server;
    private final KeyPair key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile User next = new User("nobody", List.of());

    private TestIdentityProvider(HttpServer server, KeyPair key) {
        this.server = server;
        this.key = key;
    }

    static TestIdentityProvider start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestIdentityProvider provider = new TestIdentityProvider(server, generator.generateKeyPair());
        server.createContext("/.well-known/openid-configuration", provider::discovery);
        server.createContext("/authorize", provider::authorize);
        server.createContext("/token", provider::token);
        server.createContext("/jwks", provider::jwks);
        server.start();
        return provider;
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The projection's settings that point its workspace at this provider. */
    Map<String, String> settings() {
        return Map.of(
                "WORKSPACE_OIDC_ISSUER_URI",
                issuer(),
                "WORKSPACE_OIDC_CLIENT_ID",
                CLIENT_ID,
                "WORKSPACE_OIDC_CLIENT_SECRET",
                CLIENT_SECRET,
                "WORKSPACE_OIDC_NAME",
                "测试身份认证");
    }

    /** Who the next sign-in at this provider is. */
    void signInAs(String subject, List<String> roles) {
        next = new User(subject, List.copyOf(roles));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer());
        body.put("authorization_endpoint", issuer() + "/authorize");
        body.put("token_endpoint", issuer() + "/token");
        body.put("jwks_uri", issuer() + "/jwks");
        body.put("response_types_supported", List.of("code"));
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("scopes_supported", List.of("openid", "profile"));
        body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        json(exchange, 200, body);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || query.get("redirect_uri") == null) {
            json(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(next, query.get("nonce"), query.get("redirect_uri")));
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            json(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("sub", grant.user().subject());
        claims.put("aud", List.of(CLIENT_ID));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(300).getEpochSecond());
        if (grant.nonce() != null) {
            claims.put("nonce", grant.nonce());
        }
        claims.put("roles", grant.user().roles());
        claims.put("unit_scope", "*"); // the whole installation: the users here are the bureau's
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", UUID.randomUUID().toString());
        body.put("token_type", "Bearer");
        body.put("expires_in", 300);
        body.put("scope", "openid profile");
        body.put("id_token", signed(claims));
        json(exchange, 200, body);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", "test-1");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", B64.encodeToString(unsigned(publicKey.getModulus())));
        jwk.put("e", B64.encodeToString(unsigned(publicKey.getPublicExponent())));
        json(exchange, 200, Map.of("keys", List.of(jwk)));
    }

    private String signed(Map<String, Object> claims) throws IOException {
        String header =
                B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "kid", "test-1", "typ", "JWT")));
        String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A JWK's integers are unsigned big-endian: without the sign byte BigInteger may add. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> fields = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
