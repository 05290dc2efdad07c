package org.budgetledger.kit.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads our roles and a poster's source systems from a token of the operators' identity provider. */
final class JwtCallers {

    static final String ROLES = "roles";
    static final String SOURCE_SYSTEMS = "source_systems";

    private JwtCallers() {}

    static Caller caller(Jwt jwt, String rolesClaim, String sourceSystemsClaim) {
        return new Caller(
                jwt.getSubject() == null ? "jwt" : "jwt:" + jwt.getSubject(),
                Caller.roles(list(jwt, rolesClaim)),
                Set.copyOf(list(jwt, sourceSystemsClaim)));
    }

    static Converter<Jwt, AbstractAuthenticationToken> converter(String rolesClaim, String sourceSystemsClaim) {
        return jwt -> {
            Caller caller = caller(jwt, rolesClaim, sourceSystemsClaim);
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

    private static List<String> list(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s && !s.isBlank()) {
            return List.of(s.split("[ ,]+"));
        }
        return List.of();
    }
}
