package org.budgetledger.projection.workspace.session;

import static org.budgetledger.kit.security.AccessRules.roles;
import static org.budgetledger.kit.security.Role.ADMIN;
import static org.budgetledger.kit.security.Role.AUDITOR;
import static org.budgetledger.kit.security.Role.VIEWER;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Access to the workspace (/workspace/**), a filter chain of its own before the API's: a session cookie instead of an
 * API key, the same roles deciding the same things as in the API (ProjectionAccess): viewers read figures, reports,
 * checks and the list of publications; auditors and admins also read audit trails, postings, signals and what
 * changed since a publication. Not signed in: to the sign-in page; a role that may not:
 * a page saying so, 403. docs/SECURITY.md, "The workspace in the browser".
 */
@Configuration
@EnableConfigurationProperties(WorkspaceSettings.class)
public class WorkspaceSecurity {

    /** Scripts and styles from us only (the pages have no inline script), nothing framed, forms sent only to us. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' "
            + "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SessionTokens workspaceSessions(WorkspaceSettings settings, ApiKeys keys) {
        byte[] secret;
        if (!settings.sessionSecret().isEmpty()) {
            secret = settings.sessionSecret().getBytes(StandardCharsets.UTF_8);
        } else if (!keys.isEmpty()) {
            secret = keys.derive("workspace-session");
        } else {
            // derived from no key, the secret would be one anyone can compute from the source: a random one instead,
            // so sessions end with this process and hold on this instance only
            secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            org.slf4j.LoggerFactory.getLogger(WorkspaceSecurity.class)
                    .warn("no WORKSPACE_SESSION_SECRET and no configured API key: workspace sessions are signed with a"
                            + " random secret of this instance (they end with it); set WORKSPACE_SESSION_SECRET");
        }
        return new SessionTokens(secret, keys, settings.sessionLifetime(), Clock.systemUTC());
    }

    /** The identity provider's registration (none answered where WORKSPACE_OIDC_ISSUER_URI is unset). */
    @Bean
    OidcSignIn.ProviderRegistration workspaceIdentityProvider(WorkspaceSettings settings) {
        return new OidcSignIn.ProviderRegistration(settings.oidc());
    }

    @Bean
    @Order(1) // before the API's chain, which answers every other path
    SecurityFilterChain workspaceFilterChain(
            HttpSecurity http,
            SessionTokens sessions,
            WorkspaceSettings settings,
            SecurityProperties properties,
            OidcSignIn.ProviderRegistration provider)
            throws Exception {
        http.securityMatcher("/workspace", "/workspace/**")
                .csrf(AbstractHttpConfigurer::disable) // SessionFilter: SameSite=Strict, Origin and a form token
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(
                        new SessionFilter(sessions, !properties.enabled(), settings.allowedOrigins()),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> signIn(req, res))
                        .accessDeniedHandler((req, res, ex) -> {
                            if (res.isCommitted()) {
                                return;
                            }
                            req.getRequestDispatcher(REFUSED).forward(req, res);
                        }))
                .authorizeHttpRequests(a -> {
                    a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // open paths named exactly, so that none of them also reads as a unit's page: a unit coded
                    // "assets" or "oauth2" has its year's pages at /workspace/assets/2020, which stay closed
                    a.requestMatchers(
                                    SessionFilter.SIGN_IN,
                                    SessionFilter.SIGN_IN + "/provider",
                                    OidcSignIn.START,
                                    "/workspace/oauth2/code/" + OidcSignIn.REGISTRATION,
                                    "/workspace/assets/*.css",
                                    "/workspace/assets/*.js",
                                    "/workspace/assets/vendor/**",
                                    REFUSED)
                            .permitAll();
                    a.requestMatchers(HttpMethod.POST, "/workspace/sign-out").authenticated();
                    a.requestMatchers(
                                    HttpMethod.GET,
                                    "/workspace/*/*/cells/**",
                                    "/workspace/*/*/chain",
                                    "/workspace/*/*/postings/**",
                                    "/workspace/*/*/signals",
                                    "/workspace/*/*/publications/*")
                            .hasAnyRole(roles(AUDITOR, ADMIN));
                    a.requestMatchers(HttpMethod.GET, "/workspace", "/workspace/**")
                            .hasAnyRole(roles(VIEWER, AUDITOR, ADMIN));
                    a.anyRequest().denyAll();
                });
        if (settings.oidc().configured()) {
            new OidcSignIn(settings, sessions, properties, provider).configure(http);
        }
        return http.build();
    }

    /** The page that tells a signed-in reader that their role may not open what they asked for (403). */
    public static final String REFUSED = "/workspace/refused";

    /** A page: to the sign-in page, then back; anything else (the positions a page polls): 401. */
    private static void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean page = "GET".equals(request.getMethod())
                && !request.getRequestURI().endsWith("/position")
                && !request.getRequestURI().startsWith("/workspace/assets/");
        if (!page) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String next =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect(SessionFilter.SIGN_IN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
}
