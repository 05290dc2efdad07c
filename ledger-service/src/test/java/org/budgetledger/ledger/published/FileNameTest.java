package org.budgetledger.ledger.published;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name recorded with imported figures: as given, as the upload named it, or after its format. */
class FileNameTest {

    @Test
    void theNameComesFromTheQueryTheDispositionOrTheFormat() {
        assertThat(PublishedFiguresController.name("教育局2023年决算.xlsx", null, null))
                .isEqualTo("教育局2023年决算.xlsx");
        assertThat(PublishedFiguresController.name(null, "attachment; filename*=UTF-8''%E5%86%B3%E7%AE%97.xlsx", null))
                .isEqualTo("决算.xlsx");
        assertThat(PublishedFiguresController.name(null, "attachment; filename=\"2019.xlsx\"", null))
                .isEqualTo("2019.xlsx");
        assertThat(PublishedFiguresController.name("C:\\Users\\财务\\2019.xlsx", null, null))
                .isEqualTo("2019.xlsx");
        assertThat(PublishedFiguresController.name(null, null, "text/csv; charset=UTF-8"))
                .isEqualTo("published-figures.csv");
        assertThat(PublishedFiguresController.name(null, null, PublishedFiguresController.XLSX))
                .isEqualTo("published-figures.xlsx");
    }
}
