package org.budgetledger.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Static API keys for the embedded default: sent as {@code X-API-Key: <key>}, {@code Authorization: ApiKey <key>}
 * (what Prometheus sends) or as the password of HTTP Basic (so a browser can open the report; reads only, since a
 * browser also sends Basic credentials with another site's forms). A wrong key is 401.
 * Keys are compared in constant time and never logged ({@link ApiKeys}).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final ApiKeys keys;
    private final AccessDenial denial;

    ApiKeyFilter(ApiKeys keys, AccessDenial denial) {
        this.keys = keys;
        this.denial = denial;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (basic(request) && !READS.contains(request.getMethod())) {
            denial.unauthorized(
                    response,
                    "HTTP Basic credentials are accepted for reading only (a browser sends them by "
                            + "itself, also with a form of another site): send X-API-Key or a bearer token to change anything");
            return;
        }
        Optional<String> presented = presented(request);
        if (presented.isPresent()) {
            Optional<Caller> caller = keys.caller(presented.get());
            if (caller.isEmpty()) {
                denial.unauthorized(response, "the API key is not valid");
                return;
            }
            UsernamePasswordAuthenticationToken auth = UsernamePasswordAuthenticationToken.authenticated(
                    caller.get(),
                    null,
                    caller.get().roles().stream()
                            .map(r -> new SimpleGrantedAuthority(r.authority()))
                            .toList());
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }

    /** What a browser may do with the credentials it holds: read, never change (no cross-site request forgery). */
    private static final java.util.Set<String> READS = java.util.Set.of("GET", "HEAD");

    private static boolean basic(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        String authorization = request.getHeader("Authorization");
        return (header == null || header.isBlank())
                && authorization != null
                && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static Optional<String> presented(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
                return Optional.of(authorization.substring(7).trim());
            }
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String pair = new String(
                            Base64.getDecoder()
                                    .decode(authorization.substring(6).trim()),
                            StandardCharsets.UTF_8);
                    int colon = pair.indexOf(':');
                    return colon < 0 ? Optional.empty() : Optional.of(pair.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
