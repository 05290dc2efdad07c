package org.budgetledger.projection.publication.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PublishedCellsTest {

    private static final Map<String, String> CELLS =
            Map.of("06/30102/amount", "4.12", "01/income.total/amount", "30.74");

    @Test
    void theCanonicalFormIsOneLinePerCellInKeyOrder() {
        assertThat(PublishedCells.canonical(CELLS)).isEqualTo("01/income.total/amount\t30.74\n06/30102/amount\t4.12\n");
    }

    /** The digest as Python's hashlib gives it for the same text: anyone can recompute it. */
    @Test
    void theDigestIsTheSha256OfTheCanonicalForm() {
        assertThat(PublishedCells.digest(CELLS))
                .isEqualTo("88cdd02f245227bcb8e55ad319704b91c726110f6e72a4e119a0df3ae9305cee");
        assertThat(PublishedCells.digest(Map.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aKeyThatIsNotPrintableAsciiIsRefused() {
        assertThatThrownBy(() -> PublishedCells.canonical(Map.of("01/收入/amount", "1.00")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublishedCells.canonical(Map.of("01/a b/amount", "1.00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changesListEveryCellWhosePrintedValueDiffersWithZeroForAnAbsentCell() {
        var published = new TreeMap<>(Map.of("a/1/x", "1.00", "a/2/x", "2.00", "a/3/x", "3.00"));
        var now = new TreeMap<>(Map.of("a/1/x", "1.00", "a/2/x", "2.50", "a/4/x", "0.01"));
        assertThat(PublishedCells.changes(published, now))
                .containsExactly(
                        new PublishedCells.Change("a/2/x", "2.00", "2.50"),
                        new PublishedCells.Change("a/3/x", "3.00", "0.00"),
                        new PublishedCells.Change("a/4/x", "0.00", "0.01"));
    }
}
