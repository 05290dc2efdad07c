package org.budgetledger.projection.workspace.session;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.kit.security.JwtCallers;
import org.budgetledger.kit.security.Role;
import org.budgetledger.kit.security.SecurityProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Signing in to the workspace through the operators' identity provider (OpenID Connect, authorization code flow, by
 * Spring Security's OAuth2 client): the provider is found by its discovery document when first used, so that the
 * workspace starts while the provider is down; the user's roles come from the ID token's claims by the same rules as
 * the API's bearer tokens (service-kit {@link JwtCallers}: JWT_ROLES_CLAIM); the session is then the workspace's own
 * cookie (SessionTokens, v2), as after a sign-in with a key. The flow's state (state, nonce, PKCE verifier) lives in the
 * servlet session for the round trip to the provider only; it is dropped once signed in.
 */
public final class OidcSignIn {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OidcSignIn.class);

    /** The registration's id, and so the last segment of its addresses. */
    static final String REGISTRATION = "idp";

    static final String AUTHORIZATION_BASE = "/workspace/oauth2/authorization";
    public static final String START = AUTHORIZATION_BASE + "/" + REGISTRATION;
    static final String CALLBACK_BASE = "/workspace/oauth2/code/*";
    /** The servlet session's attribute that holds where the user was going (set by the sign-in page). */
    public static final String NEXT = OidcSignIn.class.getName() + ".next";

    private final WorkspaceSettings.Oidc settings;
    private final SessionTokens sessions;
    private final WorkspaceSettings workspace;
    private final SecurityProperties.Jwt claims;

    private final ProviderRegistration registrations;

    OidcSignIn(
            WorkspaceSettings workspace,
            SessionTokens sessions,
            SecurityProperties security,
            ProviderRegistration registrations) {
        this.settings = workspace.oidc();
        this.registrations = registrations;
        this.workspace = workspace;
        this.sessions = sessions;
        this.claims = security.jwt();
    }

    void configure(HttpSecurity http) throws Exception {
        http.oauth2Login(o -> o.clientRegistrationRepository(registrations)
                .loginPage(SessionFilter.SIGN_IN)
                .authorizationEndpoint(a -> a.baseUri(AUTHORIZATION_BASE))
                .redirectionEndpoint(r -> r.baseUri(CALLBACK_BASE))
                .successHandler(this::signedIn)
                .failureHandler((request, response, e) -> failed(request, response, "provider")));
    }

    /**
     * The provider said who it is: a workspace session with the roles its claims give (none beyond POSTER: refused, as
     * a poster's key is). The answer is a page that moves on by itself rather than a redirect: the callback arrives
     * from the provider's site, and a browser sends a SameSite=Strict cookie set there only once a page of ours asks.
     */
    private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OidcUser user = (OidcUser) authentication.getPrincipal();
        Caller caller = JwtCallers.caller(
                user.getSubject(),
                user.getClaims(),
                claims.rolesClaim(),
                claims.sourceSystemsClaim(),
                claims.scopeClaim());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        caller.roles().stream().filter(r -> r != Role.POSTER).forEach(roles::add);
        if (roles.isEmpty()) {
            failed(request, response, "roles");
            return;
        }
        String next = next(request);
        String token = sessions.issue(user.getSubject(), roles, caller.scope());
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                WorkspaceSession.cookie(token, sessions.lifetime(), workspace.secureCookieFor(request))
                        .toString());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String page = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\"/>\n"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + htmlEscape(next)
                + "\"/>\n<title>已登录 · 部门决算工作台</title>\n"
                + "</head>\n<body>\n<main>\n<p>已登录。<a href=\"" + htmlEscape(next)
                + "\">继续</a></p>\n</main>\n</body>\n</html>\n";
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the sign-in page said the user was going; the flow's servlet session ends here. */
    private static String next(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return "/workspace/";
        }
        Object next = session.getAttribute(NEXT);
        session.invalidate();
        return next instanceof String s ? s : "/workspace/";
    }

    /** Back to the sign-in page, saying why, and still knowing where the user was going. */
    private static void failed(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        response.sendRedirect(SessionFilter.SIGN_IN + "?failed=" + why + "&next="
                + java.net.URLEncoder.encode(next(request), StandardCharsets.UTF_8));
    }

    /**
     * The provider's registration, read from its discovery document on first use and kept once read; a failed read is
     * remembered for {@link #RETRY_AFTER}, so that a provider that is down costs one wait, not one per request.
     */
    public static final class ProviderRegistration implements ClientRegistrationRepository {

        static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(30);

        private final WorkspaceSettings.Oidc settings;
        private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();
        private final java.util.concurrent.atomic.AtomicLong failedAt = new java.util.concurrent.atomic.AtomicLong();

        public ProviderRegistration(WorkspaceSettings.Oidc settings) {
            this.settings = settings;
        }

        /** Whether the provider's registration can be had now (read at most once per RETRY_AFTER while it fails). */
        public boolean available() {
            return findByRegistrationId(REGISTRATION) != null;
        }

        @Override
        public ClientRegistration findByRegistrationId(String id) {
            if (!REGISTRATION.equals(id) || !settings.configured()) {
                return null;
            }
            ClientRegistration known = registration.get();
            long failed = failedAt.get();
            if (known != null || (failed != 0 && System.nanoTime() - failed < RETRY_AFTER.toNanos())) {
                return known;
            }
            try {
                registration.compareAndSet(null, read());
                return registration.get();
            } catch (RuntimeException e) { // not reachable, or no valid discovery document: this sign-in fails
                failedAt.set(System.nanoTime() | 1);
                log.warn("the identity provider {} cannot be read: {}", settings.issuerUri(), e.toString());
                return null;
            }
        }

        private ClientRegistration read() {
            return ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                    .registrationId(REGISTRATION)
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .scope("openid", "profile")
                    .redirectUri("{baseUrl}/workspace/oauth2/code/{registrationId}")
                    .clientName(settings.name())
                    // PKCE as well as the secret: Spring adds it for confidential clients only when asked
                    .clientSettings(ClientRegistration.ClientSettings.builder()
                            .requireProofKey(true)
                            .build())
                    .build();
        }
    }
}
