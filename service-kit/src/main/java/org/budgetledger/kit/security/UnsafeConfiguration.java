package org.budgetledger.kit.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules a service checks before it accepts any request: a configuration that would let a guessed, copied or
 * foreign credential in refuses to start, naming each setting at fault, rather than run open.
 */
final class UnsafeConfiguration {

    /** Long enough that guessing is hopeless (the local stack generates 32 characters, the chart's recipe 48). */
    static final int MIN_KEY_LENGTH = 24;

    private static final List<String> PLACEHOLDERS = List.of("change-me", "changeme", "change_me");

    private UnsafeConfiguration() {}

    /** @throws IllegalStateException naming every problem found, when access control is on and any is */
    static void refuse(SecurityProperties properties) {
        if (!properties.enabled()) {
            return;
        }
        List<String> problems = new ArrayList<>(keyProblems(properties.named()));
        problems.addAll(jwtProblems(properties.jwt()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "refusing to start with an unsafe access configuration: " + String.join("; ", problems));
        }
    }

    static List<String> keyProblems(List<SecurityProperties.NamedKey> keys) {
        List<String> problems = new ArrayList<>();
        Map<String, String> settingByKey = new HashMap<>();
        for (SecurityProperties.NamedKey named : keys) {
            String key = named.key().key();
            String lower = key.toLowerCase(Locale.ROOT);
            if (PLACEHOLDERS.stream().anyMatch(lower::contains)) {
                problems.add(named.setting() + " is a placeholder: generate a key (e.g. openssl rand -hex 24)");
            } else if (key.length() < MIN_KEY_LENGTH) {
                problems.add(named.setting() + " has " + key.length() + " characters, fewer than " + MIN_KEY_LENGTH);
            }
            String first = settingByKey.putIfAbsent(key, named.setting());
            if (first != null) {
                problems.add(first + " and " + named.setting() + " are the same key: give each role its own");
            }
        }
        return problems;
    }

    static List<String> jwtProblems(SecurityProperties.Jwt jwt) {
        if (!jwt.configured()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!SecurityProperties.notBlank(jwt.issuerUri())) {
            problems.add(
                    "JWT_ISSUER_URI is required whenever bearer tokens are accepted (every token's issuer is checked)");
        }
        if (!SecurityProperties.notBlank(jwt.audience())) {
            problems.add(
                    "JWT_AUDIENCE is required whenever bearer tokens are accepted (a token for another service must not pass)");
        }
        return problems;
    }
}
