package org.budgetledger.projection.web;

import static org.budgetledger.kit.security.AccessRules.roles;
import static org.budgetledger.kit.security.Role.ADMIN;
import static org.budgetledger.kit.security.Role.AUDITOR;
import static org.budgetledger.kit.security.Role.VIEWER;

import org.budgetledger.kit.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** Who may read what: figures and reports for viewers; audit trails, signals, exports and rebuilds for auditors. */
@Configuration
public class ProjectionAccess {

    @Bean
    AccessRules projectionAccessRules() {
        return a -> {
            a.requestMatchers(
                            HttpMethod.GET,
                            "/api/v1/final-accounts/*/*/cells/*/audit",
                            "/api/v1/final-accounts/*/*/cells/*/*/*/audit",
                            "/api/v1/final-accounts/*/*/audit",
                            "/api/v1/final-accounts/*/*/publications/*/changes",
                            "/api/v1/final-accounts/*/*/signals",
                            "/api/v1/postings/**")
                    .hasAnyRole(roles(AUDITOR, ADMIN));
            a.requestMatchers("/api/v1/admin/**").hasAnyRole(roles(AUDITOR, ADMIN));
            a.requestMatchers(
                            HttpMethod.POST,
                            "/api/v1/final-accounts/*/*/published-figures/read",
                            "/api/v1/final-accounts/*/*/publications")
                    .hasRole(ADMIN.name());
            a.requestMatchers(HttpMethod.GET, "/api/v1/quarantine").hasAnyRole(roles(AUDITOR, ADMIN));
            a.requestMatchers(HttpMethod.GET, "/api/v1/final-accounts/**", "/api/v1/dashboard/**")
                    .hasAnyRole(roles(VIEWER, AUDITOR, ADMIN));
        };
    }

    /**
     * A cell key's '/' may travel encoded (%2F) in an audit URL; Tomcat passes it through undecoded (EncodedSlashes),
     * so the path the firewall sees still holds the '%'.
     */
    @Bean
    WebSecurityCustomizer encodedSlashesInCellKeys() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall);
    }
}
