package org.budgetledger.kit.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access control, configured by environment (README, "Configuration").
 *
 * @param enabled             off only for a closed test bench; on everywhere else
 * @param adminKey            LEDGER_ADMIN_KEY: an API key with the ADMIN role (empty: none)
 * @param posterKey           LEDGER_POSTER_KEY: an API key with the POSTER role
 * @param auditorKey          LEDGER_AUDITOR_KEY
 * @param viewerKey           LEDGER_VIEWER_KEY
 * @param posterSourceSystems LEDGER_POSTER_SOURCE_SYSTEMS: the source systems the poster key may post as
 * @param apiKeys             further keys, each with its roles and source systems
 * @param jwt                 OAuth2 resource server: tokens of the operators' identity provider
 * @param publicDocs          whether the OpenAPI document and Swagger UI are readable without credentials
 * @param maxRequestBytes     the largest request body accepted (413 beyond)
 */
@ConfigurationProperties("budgetledger.security")
public record SecurityProperties(
        Boolean enabled,
        String adminKey,
        String posterKey,
        String auditorKey,
        String viewerKey,
        List<String> posterSourceSystems,
        List<ApiKey> apiKeys,
        Jwt jwt,
        Boolean publicDocs,
        Long maxRequestBytes) {

    public SecurityProperties {
        enabled = enabled == null || enabled;
        posterSourceSystems = posterSourceSystems == null ? List.of() : List.copyOf(posterSourceSystems);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        jwt = jwt == null ? new Jwt(null, null, null, null, null, null, null) : jwt;
        publicDocs = publicDocs == null || publicDocs;
        maxRequestBytes = maxRequestBytes == null ? 8L * 1024 * 1024 : maxRequestBytes;
    }

    /** A configured key; its scope is a unit code or "*" (the default: the whole installation). */
    public record ApiKey(String key, List<Role> roles, List<String> sourceSystems, String scope) {
        public ApiKey {
            roles = roles == null ? List.of() : List.copyOf(roles);
            sourceSystems = sourceSystems == null ? List.of() : List.copyOf(sourceSystems);
            scope = scope == null || scope.isBlank() ? Caller.INSTALLATION : scope.trim();
        }
    }

    /**
     * @param issuerUri         JWT_ISSUER_URI: the identity provider; every token's {@code iss} must equal it, in every
     *                          mode (its keys are found by discovery unless given below)
     * @param jwkSetUri         JWT_JWK_SET_URI: its key set directly
     * @param publicKey         JWT_PUBLIC_KEY: or one RSA public key (PEM), e.g. for a test bench
     * @param audience          JWT_AUDIENCE: this service's name at the identity provider; every token's {@code aud}
     *                          must contain it, so that a token issued for another service is refused here
     * @param rolesClaim        the claim listing our roles (default "roles")
     * @param sourceSystemsClaim the claim listing the source systems a POSTER may post as (default "source_systems")
     * @param scopeClaim        the claim naming the unit whose subtree the token covers, or "*" for the whole
     *                          installation (default "unit_scope"); a token without it covers no unit
     */
    public record Jwt(
            String issuerUri,
            String jwkSetUri,
            String publicKey,
            String audience,
            String rolesClaim,
            String sourceSystemsClaim,
            String scopeClaim) {
        public Jwt {
            scopeClaim = scopeClaim == null || scopeClaim.isBlank() ? JwtCallers.UNIT_SCOPE : scopeClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? JwtCallers.ROLES : rolesClaim;
            sourceSystemsClaim = sourceSystemsClaim == null || sourceSystemsClaim.isBlank()
                    ? JwtCallers.SOURCE_SYSTEMS
                    : sourceSystemsClaim;
        }

        boolean configured() {
            return notBlank(issuerUri) || notBlank(jwkSetUri) || notBlank(publicKey);
        }
    }

    /** Every API key with its caller; blank keys are left out. */
    List<ApiKey> allKeys() {
        return named().stream().map(NamedKey::key).toList();
    }

    /** An API key with the setting it came from, so that a refusal names it. */
    record NamedKey(String setting, ApiKey key) {}

    List<NamedKey> named() {
        List<NamedKey> keys = new java.util.ArrayList<>();
        if (notBlank(adminKey)) {
            keys.add(new NamedKey("LEDGER_ADMIN_KEY", new ApiKey(adminKey, List.of(Role.ADMIN), List.of(), null)));
        }
        if (notBlank(posterKey)) {
            keys.add(new NamedKey(
                    "LEDGER_POSTER_KEY", new ApiKey(posterKey, List.of(Role.POSTER), posterSourceSystems, null)));
        }
        if (notBlank(auditorKey)) {
            keys.add(
                    new NamedKey("LEDGER_AUDITOR_KEY", new ApiKey(auditorKey, List.of(Role.AUDITOR), List.of(), null)));
        }
        if (notBlank(viewerKey)) {
            keys.add(new NamedKey("LEDGER_VIEWER_KEY", new ApiKey(viewerKey, List.of(Role.VIEWER), List.of(), null)));
        }
        for (int i = 0; i < apiKeys.size(); i++) {
            if (notBlank(apiKeys.get(i).key())) {
                keys.add(new NamedKey("budgetledger.security.api-keys[" + i + "]", apiKeys.get(i)));
            }
        }
        return keys;
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
