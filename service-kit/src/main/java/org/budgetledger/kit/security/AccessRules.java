package org.budgetledger.kit.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own rules: which role may call which endpoint. Applied after the rules common to both services
 * (health open, documentation open when configured) and before "everything else is denied".
 */
@FunctionalInterface
public interface AccessRules {

    void apply(
            AuthorizeHttpRequestsConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity>
                            .AuthorizationManagerRequestMatcherRegistry
                    rules);

    static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
