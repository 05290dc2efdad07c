package org.budgetledger.kit.security;

import jakarta.servlet.DispatcherType;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Every endpoint but health requires authentication: an API key (the embedded default) or a bearer token of the
 * operators' identity provider (production), or both. Each service adds which role may call what; whatever no rule
 * names is denied. Stateless: no session, no CSRF token (no cookie authenticates anything).
 */
@Configuration(proxyBeanMethods = false)
public class ServiceSecurity {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecurity.class);

    /**
     * No observation wrapped around each filter of the chain, authentication and authorization: profiled at a fifth of
     * a cached query's CPU even with those observations switched off by predicate (the wrapping stayed). Requests are
     * still timed per endpoint (http.server.requests).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The configured API keys (none while access control is off): the API's filter checks presented keys against
     * them, and a service's own sign-in (the projection's workspace) checks typed keys against the same.
     */
    @Bean
    ApiKeys apiKeys(SecurityProperties properties) {
        return new ApiKeys(properties.enabled() ? properties.allKeys() : List.of());
    }

    @Bean
    SecurityFilterChain serviceSecurity(
            HttpSecurity http, SecurityProperties properties, AccessRules rules, ApiKeys apiKeys) throws Exception {
        AccessDenial denial = new AccessDenial();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                // no session: nothing to log out of, no request to replay after a login
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> denial.unauthorized(
                                res, "authentication required: an API key (X-API-Key) or a bearer token"))
                        .accessDeniedHandler((req, res, ex) -> denial.forbidden(
                                res, "your role may not " + req.getMethod() + " " + req.getRequestURI())));
        if (!properties.enabled()) {
            log.warn("access control is OFF (budgetledger.security.enabled=false): every endpoint is open");
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        UnsafeConfiguration.refuse(properties);
        // always: keys issued through the ledger's key API arrive while the service runs
        http.addFilterBefore(new ApiKeyFilter(apiKeys, denial), BasicAuthenticationFilter.class);
        SecurityProperties.Jwt jwt = properties.jwt();
        if (jwt.configured()) {
            JwtDecoder decoder = decoder(jwt);
            http.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder)
                            .jwtAuthenticationConverter(
                                    JwtCallers.converter(jwt.rolesClaim(), jwt.sourceSystemsClaim(), jwt.scopeClaim())))
                    .authenticationEntryPoint(
                            (req, res, ex) -> denial.unauthorized(res, "the bearer token is not valid")));
        }
        if (apiKeys.isEmpty() && !jwt.configured()) {
            log.warn("no API key and no identity provider configured: every endpoint but health answers 401 until a"
                    + " key is issued, and only a configured ADMIN key can issue one");
        }
        http.authorizeHttpRequests(a -> {
            // the error page only renders the failure of a request that was already let through
            a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
            a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
            if (properties.publicDocs()) {
                a.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll();
            }
            // metrics tell an outsider how busy, how full and how behind the whole installation is: any role of
            // ours, with the installation's scope
            a.requestMatchers("/actuator/**")
                    .access((auth, context) -> new AuthorizationDecision(Caller.current()
                            .filter(c -> c.installationWide() && !c.roles().isEmpty())
                            .isPresent()));
            rules.apply(a);
            a.anyRequest().denyAll();
        });
        return http.build();
    }

    /** Signature, expiry, issuer and audience: a token of our identity provider meant for another service fails. */
    private static JwtDecoder decoder(SecurityProperties.Jwt jwt) throws Exception {
        NimbusJwtDecoder decoder;
        if (SecurityProperties.notBlank(jwt.publicKey())) {
            String pem = jwt.publicKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
            decoder = NimbusJwtDecoder.withPublicKey(key).build();
        } else if (SecurityProperties.notBlank(jwt.jwkSetUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        } else {
            decoder = NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
        }
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(jwt.audience()));
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(jwt.issuerUri()), audience));
        return decoder;
    }
}
