package org.budgetledger.kit.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated caller: a name for the logs, its roles, the source systems it may post as ("*": any), and its
 * scope: the unit whose subtree it covers, or {@link #INSTALLATION} for every unit (and what belongs to no unit:
 * catalogues, keys, streams, rebuilds). An empty scope covers nothing: a token of the identity provider that names
 * no scope gets no data, rather than all of it.
 */
public record Caller(String name, Set<Role> roles, Set<String> sourceSystems, String scope) {

    public static final String ANY_SOURCE = "*";
    public static final String INSTALLATION = "*";

    public Caller {
        roles = Set.copyOf(roles);
        sourceSystems = Set.copyOf(sourceSystems);
        scope = scope == null ? "" : scope;
    }

    /** A caller of the whole installation: the keys of the environment, and access control switched off. */
    public Caller(String name, Set<Role> roles, Set<String> sourceSystems) {
        this(name, roles, sourceSystems, INSTALLATION);
    }

    public boolean installationWide() {
        return INSTALLATION.equals(scope);
    }

    /** The name: what Spring's authentication reports as the user, and what the logs show. */
    @Override
    public String toString() {
        return name;
    }

    public boolean mayPostAs(String sourceSystem) {
        return roles.contains(Role.POSTER)
                && (sourceSystems.contains(ANY_SOURCE) || sourceSystems.contains(sourceSystem));
    }

    /** The caller of the current request, when security is on and it authenticated. */
    public static Optional<Caller> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Optional.empty();
        }
        if (auth.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        if (auth.getDetails() instanceof Caller caller) {
            return Optional.of(caller);
        }
        if (auth.getPrincipal() instanceof Jwt jwt) {
            return Optional.of(
                    JwtCallers.caller(jwt, JwtCallers.ROLES, JwtCallers.SOURCE_SYSTEMS, JwtCallers.UNIT_SCOPE));
        }
        return Optional.empty();
    }

    /**
     * Our roles among the names a token lists, matched exactly: "admin" or " ADMIN" is not ADMIN, so that an
     * identity provider's role of another meaning cannot become ours by a difference of case or spacing.
     */
    static Set<Role> roles(Collection<String> names) {
        java.util.EnumSet<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (names.contains(role.name())) {
                roles.add(role);
            }
        }
        return roles;
    }
}
