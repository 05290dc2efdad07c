package org.budgetledger.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnsafeConfigurationTest {

    private static final String A = "a-key-of-twenty-four-chars";
    private static final String B = "b-key-of-twenty-four-chars";

    private static SecurityProperties keys(String admin, String poster, String auditor, String viewer) {
        return new SecurityProperties(true, admin, poster, auditor, viewer, null, null, null, null, null);
    }

    private static SecurityProperties jwt(String issuer, String jwkSet, String audience) {
        return new SecurityProperties(
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                new SecurityProperties.Jwt(issuer, jwkSet, null, audience, null, null, null),
                null,
                null);
    }

    @Test
    void distinctLongKeysAndACompleteIdentityProviderStart() {
        assertThatCode(() -> UnsafeConfiguration.refuse(keys(A, B, null, ""))).doesNotThrowAnyException();
        assertThatCode(() -> UnsafeConfiguration.refuse(jwt("https://idp", "https://idp/keys", "budget-ledger")))
                .doesNotThrowAnyException();
    }

    @Test
    void aPlaceholderAShortKeyOrOneKeyForTwoRolesRefusesNamingEachSetting() {
        assertThatThrownBy(() -> UnsafeConfiguration.refuse(keys("change-me", "short", A, A)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEDGER_ADMIN_KEY is a placeholder")
                .hasMessageContaining("LEDGER_POSTER_KEY has 5 characters, fewer than 24")
                .hasMessageContaining("LEDGER_AUDITOR_KEY and LEDGER_VIEWER_KEY are the same key");
        assertThat(UnsafeConfiguration.keyProblems(
                        keys("xxxxxxxxxxCHANGEMExxxxxxxxxxxx", null, null, null).named()))
                .singleElement()
                .asString()
                .contains("placeholder");
        SecurityProperties extra = new SecurityProperties(
                true,
                A,
                null,
                null,
                null,
                null,
                List.of(new SecurityProperties.ApiKey(A, List.of(Role.VIEWER), List.of(), null)),
                null,
                null,
                null);
        assertThat(UnsafeConfiguration.keyProblems(extra.named()))
                .containsExactly(
                        "LEDGER_ADMIN_KEY and budgetledger.security.api-keys[0] are the same key: give each role its own");
    }

    @Test
    void tokensNeedAnIssuerAndAnAudienceInEveryMode() {
        assertThat(UnsafeConfiguration.jwtProblems(
                        jwt(null, "https://idp/keys", "budget-ledger").jwt()))
                .singleElement()
                .asString()
                .startsWith("JWT_ISSUER_URI is required");
        assertThat(UnsafeConfiguration.jwtProblems(jwt("https://idp", null, " ").jwt()))
                .singleElement()
                .asString()
                .startsWith("JWT_AUDIENCE is required");
    }

    @Test
    void aClosedTestBenchWithAccessControlOffIsNotChecked() {
        SecurityProperties off =
                new SecurityProperties(false, "change-me", null, null, null, null, null, null, null, null);
        assertThatCode(() -> UnsafeConfiguration.refuse(off)).doesNotThrowAnyException();
    }
}
