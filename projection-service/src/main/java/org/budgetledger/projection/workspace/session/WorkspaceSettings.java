package org.budgetledger.projection.workspace.session;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The workspace's settings (README, "Configuration"; docs/SECURITY.md, "The workspace in the browser").
 *
 * @param sessionSecret  WORKSPACE_SESSION_SECRET: signs the session cookies (at least 32 characters); empty: a secret
 *                       derived from the API keys, the same on every instance that has the same keys
 * @param sessionLifetime WORKSPACE_SESSION_LIFETIME: how long a sign-in lasts (default 8 hours)
 * @param secureCookie   WORKSPACE_SECURE_COOKIE: auto (Secure when the request came over HTTPS), true (behind a proxy
 *                       that ends TLS) or false
 * @param allowedOrigins WORKSPACE_ALLOWED_ORIGINS: origins besides the page's own host that may send the workspace's
 *                       forms (a proxy that rewrites Host), e.g. https://ledger.example.gov.cn
 * @param pollSeconds    WORKSPACE_POLL_SECONDS: how often an open page asks whether new postings arrived
 * @param oidc           signing in through the operators' identity provider (OpenID Connect), where configured
 */
@ConfigurationProperties("projection.workspace")
public record WorkspaceSettings(
        String sessionSecret,
        Duration sessionLifetime,
        String secureCookie,
        List<String> allowedOrigins,
        Integer pollSeconds,
        Oidc oidc) {

    /**
     * The identity provider the sign-in page offers besides API keys (OpenID Connect, authorization code flow).
     *
     * @param issuerUri    WORKSPACE_OIDC_ISSUER_URI: the provider, found by its discovery document; empty: none
     * @param clientId     WORKSPACE_OIDC_CLIENT_ID: this workspace, as registered at the provider
     * @param clientSecret WORKSPACE_OIDC_CLIENT_SECRET
     * @param name         WORKSPACE_OIDC_NAME: what the sign-in page calls it (default 统一身份认证)
     */
    public record Oidc(String issuerUri, String clientId, String clientSecret, String name) {
        public Oidc {
            issuerUri = issuerUri == null ? "" : issuerUri.trim();
            clientId = clientId == null ? "" : clientId.trim();
            clientSecret = clientSecret == null ? "" : clientSecret;
            name = name == null || name.isBlank() ? "统一身份认证" : name.trim();
        }

        public boolean configured() {
            return !issuerUri.isEmpty();
        }
    }

    /** Whether a session cookie set in answer to this request is Secure (WORKSPACE_SECURE_COOKIE). */
    public boolean secureCookieFor(jakarta.servlet.http.HttpServletRequest request) {
        return switch (secureCookie) {
            case "true" -> true;
            case "false" -> false;
            default -> request.isSecure();
        };
    }

    /** Shorter secrets are refused at start, as short API keys are. */
    public static final int MIN_SECRET_LENGTH = 32;

    public WorkspaceSettings {
        sessionSecret = sessionSecret == null ? "" : sessionSecret;
        sessionLifetime = sessionLifetime == null ? Duration.ofHours(8) : sessionLifetime;
        secureCookie = secureCookie == null || secureCookie.isBlank() ? "auto" : secureCookie.trim();
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream()
                        .map(String::trim)
                        .filter(o -> !o.isEmpty())
                        .toList();
        pollSeconds = pollSeconds == null || pollSeconds < 1 ? 5 : pollSeconds;
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
        if (oidc.configured()
                && (oidc.clientId().isEmpty() || oidc.clientSecret().isEmpty())) {
            throw new IllegalStateException(
                    "refusing to start with an unsafe access configuration: "
                            + "WORKSPACE_OIDC_ISSUER_URI is set without WORKSPACE_OIDC_CLIENT_ID and WORKSPACE_OIDC_CLIENT_SECRET");
        }
        if (!sessionSecret.isEmpty() && sessionSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("refusing to start with an unsafe access configuration: "
                    + "WORKSPACE_SESSION_SECRET has " + sessionSecret.length() + " characters, fewer than "
                    + MIN_SECRET_LENGTH);
        }
        if (!List.of("auto", "true", "false").contains(secureCookie)) {
            throw new IllegalArgumentException("WORKSPACE_SECURE_COOKIE must be auto, true or false: " + secureCookie);
        }
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException("WORKSPACE_SESSION_LIFETIME must be positive: " + sessionLifetime);
        }
    }
}
