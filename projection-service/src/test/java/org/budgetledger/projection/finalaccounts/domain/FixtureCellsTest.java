package org.budgetledger.projection.finalaccounts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fixture's postings, routed and summed, give exactly its expected figures: same keys, same strings. */
class FixtureCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.HETANG, Fixtures.DEMO_WLJ})
    void theRootPublishesExactlyTheExpectedCells(String name) {
        FixtureLedgers ledgers = new FixtureLedgers(name);
        JsonNode expected = ledgers.fixture.expectedCells();
        assertThat(expected.get("unitCode").asText()).isEqualTo(ledgers.root);

        Map<String, String> actual = ledgers.consolidated(ledgers.root).published();

        assertThat(actual).containsExactlyInAnyOrderEntriesOf(FixtureLedgers.cells(expected.get("cells")));
    }

    /** The fixtures of several units (the seed's office is one unit: its root test above says it all). */
    @ParameterizedTest
    @ValueSource(strings = {Fixtures.DEMO_WLJ})
    void everyUnitPublishesItsExpectedConsolidatedAndSelfCells(String name) {
        FixtureLedgers ledgers = new FixtureLedgers(name);
        JsonNode byUnit = ledgers.fixture
                .expectedCellsByUnit()
                .orElseThrow(() -> new AssertionError(name + " has no expected-cells-by-unit.json"));
        assertThat(iterableKeys(byUnit)).containsExactlyInAnyOrderElementsOf(ledgers.kinds.keySet());
        for (String unit : ledgers.kinds.keySet()) {
            JsonNode expected = byUnit.get(unit);
            assertThat(ledgers.consolidated(unit).published())
                    .as("%s consolidated", unit)
                    .containsExactlyInAnyOrderEntriesOf(FixtureLedgers.cells(expected.get("consolidated")));
            assertThat(ledgers.selfWithOperatingCosts(unit).published())
                    .as("%s self", unit)
                    .containsExactlyInAnyOrderEntriesOf(FixtureLedgers.cells(expected.get("self")));
        }
    }

    private static java.util.List<String> iterableKeys(JsonNode node) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
