package org.budgetledger.kit.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads our roles and a poster's source systems from the claims of the operators' identity provider: a bearer token's
 * (the API) or a signed-in user's ID token (the workspace's sign-in), by the same rules.
 */
public final class JwtCallers {

    static final String ROLES = "roles";
    static final String SOURCE_SYSTEMS = "source_systems";
    static final String UNIT_SCOPE = "unit_scope";

    private JwtCallers() {}

    static Caller caller(Jwt jwt, String rolesClaim, String sourceSystemsClaim, String scopeClaim) {
        return caller(jwt.getSubject(), jwt.getClaims(), rolesClaim, sourceSystemsClaim, scopeClaim);
    }

    /**
     * The caller these claims describe; {@code subject} may be null. The scope claim holds one unit code or "*"; a
     * token without it (or with a list) covers no unit.
     */
    public static Caller caller(
            String subject,
            Map<String, Object> claims,
            String rolesClaim,
            String sourceSystemsClaim,
            String scopeClaim) {
        Object scope = claims.get(scopeClaim);
        return new Caller(
                subject == null ? "jwt" : "jwt:" + subject,
                Caller.roles(list(claims, rolesClaim)),
                Set.copyOf(list(claims, sourceSystemsClaim)),
                scope instanceof String s ? s.trim() : "");
    }

    static Converter<Jwt, AbstractAuthenticationToken> converter(
            String rolesClaim, String sourceSystemsClaim, String scopeClaim) {
        return jwt -> {
            Caller caller = caller(jwt, rolesClaim, sourceSystemsClaim, scopeClaim);
            JwtAuthenticationToken token = new JwtAuthenticationToken(
                    jwt,
                    caller.roles().stream()
                            .map(r -> new SimpleGrantedAuthority(r.authority()))
                            .toList(),
                    caller.name());
            token.setDetails(caller);
            return token;
        };
    }

    private static List<String> list(Map<String, Object> claims, String claim) {
        Object value = claims.get(claim);
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s && !s.isBlank()) {
            return List.of(s.split("[ ,]+"));
        }
        return List.of();
    }
}
