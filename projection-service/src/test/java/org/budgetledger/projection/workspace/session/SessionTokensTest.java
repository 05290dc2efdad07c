package org.budgetledger.projection.workspace.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.Role;
import org.budgetledger.kit.security.SecurityProperties;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final SecurityProperties.ApiKey AUDITOR =
            new SecurityProperties.ApiKey("auditor-key-for-session-tests-0001", List.of(Role.AUDITOR), List.of(), null);
    private static final SecurityProperties.ApiKey VIEWER =
            new SecurityProperties.ApiKey("viewer-key-for-session-tests-00001", List.of(Role.VIEWER), List.of(), null);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-03-01T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private SessionTokens tokens(ApiKeys keys) {
        return new SessionTokens(keys.derive("workspace-session"), keys, Duration.ofHours(8), clock);
    }

    @Test
    void aTokenNamesItsKeyByIdAndHoldsNeitherKeyNorRole() {
        ApiKeys keys = new ApiKeys(List.of(AUDITOR, VIEWER));
        String id = keys.identify(AUDITOR.key()).orElseThrow().id();
        String token = tokens(keys).issue(id);
        assertThat(token).doesNotContain(AUDITOR.key(), "AUDITOR", "auditor");
        SessionTokens.Session session = tokens(keys).verify(token).orElseThrow();
        assertThat(session.caller().roles()).containsExactly(Role.AUDITOR);
        assertThat(session.formToken()).isNotBlank().isNotEqualTo(token);
    }

    @Test
    void aProviderUsersTokenCarriesTheRolesAndScopeItsIdTokenGaveAndCannotBeWidened() {
        ApiKeys keys = new ApiKeys(List.of(AUDITOR, VIEWER));
        SessionTokens tokens = tokens(keys);
        String token = tokens.issue("zhang.san@example.gov.cn", java.util.Set.of(Role.VIEWER), "SCHOOL-1");
        SessionTokens.Session session = tokens.verify(token).orElseThrow();
        assertThat(session.caller().roles()).containsExactly(Role.VIEWER);
        assertThat(session.caller().scope()).isEqualTo("SCHOOL-1");
        assertThat(session.caller().name()).isEqualTo("oidc:zhang.san@example.gov.cn");
        String widened = token.replace(".VIEWER.", ".ADMIN,VIEWER.");
        assertThat(widened).isNotEqualTo(token);
        assertThat(tokens.verify(widened)).as("the signature covers the roles").isEmpty();
        String[] parts = token.split("\\.");
        parts[3] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("*".getBytes());
        assertThat(tokens.verify(String.join(".", parts)))
                .as("the signature covers the scope")
                .isEmpty();
        now.set(now.get().plus(Duration.ofHours(8)));
        assertThat(tokens.verify(token)).as("expired").isEmpty();
    }

    @Test
    void aChangedTokenAnExpiredOneAndOneOfAKeyNoLongerConfiguredAreRefused() {
        ApiKeys keys = new ApiKeys(List.of(AUDITOR, VIEWER));
        SessionTokens tokens = tokens(keys);
        String viewer = tokens.issue(keys.identify(VIEWER.key()).orElseThrow().id());
        String auditorId = keys.identify(AUDITOR.key()).orElseThrow().id();
        String viewerId = keys.identify(VIEWER.key()).orElseThrow().id();
        assertThat(tokens.verify(viewer.replace(viewerId, auditorId))).isEmpty();
        assertThat(tokens.verify(viewer + "x")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("v1.a.b.c.d.e")).isEmpty();

        now.set(now.get().plus(Duration.ofHours(8)));
        assertThat(tokens.verify(viewer)).isEmpty();

        now.set(Instant.parse("2024-03-01T08:00:00Z"));
        ApiKeys rotated = new ApiKeys(List.of(
                AUDITOR,
                new SecurityProperties.ApiKey(
                        "a-new-viewer-key-after-rotation-01", List.of(Role.VIEWER), List.of(), null)));
        assertThat(new SessionTokens(keys.derive("workspace-session"), rotated, Duration.ofHours(8), clock)
                        .verify(viewer))
                .as("the key it names is gone")
                .isEmpty();
        assertThat(tokens(rotated).verify(viewer))
                .as("and the derived secret changed with the keys")
                .isEmpty();
    }

    @Test
    void everyInstanceWithTheSameKeysAcceptsTheSameTokens() {
        String token = tokens(new ApiKeys(List.of(AUDITOR, VIEWER)))
                .issue(new ApiKeys(List.of(AUDITOR, VIEWER))
                        .identify(VIEWER.key())
                        .orElseThrow()
                        .id());
        assertThat(tokens(new ApiKeys(List.of(VIEWER, AUDITOR))).verify(token)).isPresent();
    }
}
