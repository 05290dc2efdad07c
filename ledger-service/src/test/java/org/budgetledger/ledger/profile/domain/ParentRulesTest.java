package org.budgetledger.ledger.profile.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** parentUnitCode: registered for the same year, not the unit itself, no cycle, a bounded chain. */
class ParentRulesTest {

    /** The directory of one fiscal year: unit → its parent ("" for none). */
    final Map<String, String> directory = new HashMap<>();

    Function<String, Optional<String>> parentOf() {
        return unit -> Optional.ofNullable(directory.get(unit));
    }

    void register(String unit, String parent) {
        directory.put(unit, parent == null ? "" : parent);
    }

    @Test
    void noParentIsFine() {
        assertThat(ParentRules.check("HT-CAC", null, parentOf())).isEmpty();
    }

    @Test
    void aRegisteredTopLevelParentIsFine() {
        register("HT-PARTY", null);
        assertThat(ParentRules.check("HT-CAC", "HT-PARTY", parentOf())).isEmpty();
    }

    @Test
    void aValidChain() {
        register("HT", null);
        register("HT-PARTY", "HT");
        register("HT-CAC", "HT-PARTY");
        assertThat(ParentRules.check("HT-CAC-CENTER", "HT-CAC", parentOf())).isEmpty();
        // replacing the profile of a unit in the middle with the same parent is fine too
        assertThat(ParentRules.check("HT-CAC", "HT-PARTY", parentOf())).isEmpty();
    }

    @Test
    void theUnitItselfIsNotItsParent() {
        register("HT-CAC", null);
        assertThat(ParentRules.check("HT-CAC", "HT-CAC", parentOf()))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("parentUnitCode")
                        .contains("HT-CAC")
                        .contains("itself"));
    }

    @Test
    void anUnregisteredParentIsRefused() {
        assertThat(ParentRules.check("HT-CAC", "HT-PARTY", parentOf()))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("parentUnitCode HT-PARTY").contains("no profile"));
    }

    @Test
    void anUnregisteredAncestorIsRefused() {
        register("HT-PARTY", "HT"); // HT itself is not registered for this year
        assertThat(ParentRules.check("HT-CAC", "HT-PARTY", parentOf()))
                .hasValueSatisfying(m ->
                        assertThat(m).contains("HT").contains("parent chain").contains("no profile"));
    }

    @Test
    void aCycleThroughTheUnitIsRefused() {
        // HT-CAC is registered under HT-PARTY; making HT-PARTY a child of HT-CAC closes the loop
        register("HT-PARTY", null);
        register("HT-CAC", "HT-PARTY");
        assertThat(ParentRules.check("HT-PARTY", "HT-CAC", parentOf()))
                .hasValueSatisfying(m -> assertThat(m).contains("cycle"));
    }

    @Test
    void aLongerCycleIsRefused() {
        register("A", null);
        register("B", "A");
        register("C", "B");
        register("D", "C");
        assertThat(ParentRules.check("A", "D", parentOf()))
                .hasValueSatisfying(m -> assertThat(m).contains("cycle").contains("parentUnitCode D"));
    }

    @Test
    void aCycleAboveTheUnitEndsAtTheDepthLimit() {
        // a corrupt directory (X ↔ Y) must not make the walk loop forever
        register("X", "Y");
        register("Y", "X");
        AtomicInteger lookups = new AtomicInteger();
        Function<String, Optional<String>> counting = unit -> {
            lookups.incrementAndGet();
            return parentOf().apply(unit);
        };
        assertThat(ParentRules.check("NEW", "X", counting))
                .hasValueSatisfying(m -> assertThat(m).contains("deeper than " + ParentRules.MAX_DEPTH));
        assertThat(lookups.get()).isEqualTo(ParentRules.MAX_DEPTH);
    }

    /** A chain U1 → U2 → … → Un where Un is top level; the new unit's parent is U1. */
    void chainOf(int n) {
        for (int i = 1; i <= n; i++) {
            register("U" + i, i == n ? null : "U" + (i + 1));
        }
    }

    @Test
    void theDeepestAllowedChain() {
        chainOf(ParentRules.MAX_DEPTH);
        assertThat(ParentRules.check("NEW", "U1", parentOf())).isEmpty();
    }

    @Test
    void aChainOneDeeperIsRefused() {
        chainOf(ParentRules.MAX_DEPTH + 1);
        assertThat(ParentRules.check("NEW", "U1", parentOf()))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("NEW").contains("deeper than " + ParentRules.MAX_DEPTH));
    }

    @Test
    void aCycleIsFoundEvenAtTheBottomOfADeepChain() {
        chainOf(ParentRules.MAX_DEPTH);
        directory.put("U" + ParentRules.MAX_DEPTH, "NEW"); // the top of the chain hangs under the new unit
        register("NEW", null);
        assertThat(ParentRules.check("NEW", "U1", parentOf()))
                .hasValueSatisfying(m -> assertThat(m).contains("cycle"));
    }
}
