package org.budgetledger.ledger.web;

import static org.budgetledger.kit.security.AccessRules.roles;
import static org.budgetledger.kit.security.Role.ADMIN;
import static org.budgetledger.kit.security.Role.AUDITOR;
import static org.budgetledger.kit.security.Role.POSTER;
import static org.budgetledger.kit.security.Role.VIEWER;

import org.budgetledger.kit.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what on the ledger. Posting as a source system the credentials do not allow is refused per request. */
@Configuration
public class LedgerAccess {

    @Bean
    AccessRules ledgerAccessRules() {
        return a -> {
            a.requestMatchers(HttpMethod.POST, "/api/v1/postings", "/api/v1/postings/batch")
                    .hasRole(POSTER.name());
            a.requestMatchers(HttpMethod.PUT, "/api/v1/catalogues/**", "/api/v1/units/**")
                    .hasRole(ADMIN.name());
            a.requestMatchers(
                            HttpMethod.POST,
                            "/api/v1/units/*/years/*/close",
                            "/api/v1/units/*/years/*/publications",
                            "/api/v1/units/profiles/*/carry-forward")
                    .hasRole(ADMIN.name());
            // the projection service reads which keys are issued, with its auditor's key
            a.requestMatchers(HttpMethod.GET, "/api/v1/admin/keys/digests").hasAnyRole(roles(AUDITOR, ADMIN));
            a.requestMatchers("/api/v1/admin/**").hasRole(ADMIN.name());
            a.requestMatchers(HttpMethod.GET, "/api/v1/streams/**", "/api/v1/ledgers/**")
                    .hasAnyRole(roles(AUDITOR, ADMIN));
            a.requestMatchers(HttpMethod.GET, "/api/v1/units/**", "/api/v1/catalogues/**", "/api/v1/streams")
                    .hasAnyRole(roles(POSTER, AUDITOR, VIEWER, ADMIN));
        };
    }
}
