package org.budgetledger.kit.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.kit.security.Role;
import org.junit.jupiter.api.Test;

/** Which units a scope covers, along each year's tree. */
class UnitScopesTest {

    /** 2024: BUREAU > EDU > SCHOOL-1, SCHOOL-2; 2023: SCHOOL-1 still under HEALTH; LOOP-A and LOOP-B in a cycle. */
    static final Map<String, String> TREE = Map.of(
            "EDU:2024", "BUREAU",
            "SCHOOL-1:2024", "EDU",
            "SCHOOL-2:2024", "EDU",
            "BUREAU:2024", "",
            "SCHOOL-1:2023", "HEALTH",
            "LOOP-A:2024", "LOOP-B",
            "LOOP-B:2024", "LOOP-A");

    static final UnitScopes SCOPES = new UnitScopes((unit, year) -> Optional.ofNullable(TREE.get(unit + ":" + year)));

    static Caller scoped(String scope) {
        return new Caller("test", Set.of(Role.VIEWER), Set.of(), scope);
    }

    @Test
    void aScopeCoversItsUnitAndEveryUnitUnderItThatYear() {
        Caller edu = scoped("EDU");
        assertThat(SCOPES.covers(edu, "EDU", 2024)).isTrue();
        assertThat(SCOPES.covers(edu, "SCHOOL-1", 2024)).isTrue();
        assertThat(SCOPES.covers(edu, "BUREAU", 2024)).as("the unit above").isFalse();
        assertThat(SCOPES.covers(edu, "SCHOOL-1", 2023))
                .as("another year, another parent")
                .isFalse();
        assertThat(SCOPES.covers(scoped("SCHOOL-1"), "SCHOOL-2", 2024))
                .as("a sibling")
                .isFalse();
    }

    @Test
    void anUnregisteredUnitIsCoveredByItsOwnCodeOrTheInstallationOnly() {
        assertThat(SCOPES.covers(scoped("NEW"), "NEW", 2024)).isTrue();
        assertThat(SCOPES.covers(scoped("EDU"), "NEW", 2024)).isFalse();
        assertThat(SCOPES.covers(scoped(Caller.INSTALLATION), "NEW", 2024)).isTrue();
    }

    @Test
    void noScopeCoversNothingAndACycleEndsTheWalk() {
        assertThat(SCOPES.covers(scoped(""), "SCHOOL-1", 2024)).isFalse();
        assertThat(SCOPES.covers(scoped(null), "SCHOOL-1", 2024)).isFalse();
        assertThat(SCOPES.covers(scoped("EDU"), "LOOP-A", 2024)).isFalse();
        assertThat(SCOPES.covers(scoped("LOOP-B"), "LOOP-A", 2024)).isTrue();
    }

    @Test
    void withoutACallerAccessControlIsOffAndNothingIsRefused() {
        assertThat(SCOPES.coversCurrent("ANY", 2024)).isTrue();
        SCOPES.require("unitCode", "ANY", 2024);
        SCOPES.requireInstallation("GET /api/v1/streams");
    }
}
