package org.budgetledger.projection.signals.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.budgetledger.contract.PostingType;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.junit.jupiter.api.Test;

class AfterPublicationPolicyTest {

    private static final Instant PUBLISHED = Instant.parse("2020-06-30T02:00:00Z");
    private static final PostingRef EXPENDITURE = new PostingRef(
            "HT-CAC",
            "treasury",
            "E-9",
            PostingType.EXPENDITURE,
            100_000,
            LocalDate.of(2019, 12, 20),
            PUBLISHED.plusSeconds(60),
            150,
            null);
    private static final PostingRef REVERSAL = new PostingRef(
            "HT-CAC",
            "treasury",
            "R-1",
            PostingType.REVERSAL,
            -339_346,
            LocalDate.of(2019, 1, 6),
            PUBLISHED.plusSeconds(30),
            149,
            "E-2");

    private final AfterPublicationPolicy policy = new AfterPublicationPolicy();

    @Test
    void everyChangedCellAndEveryPostingSinceIsInOneWarning() {
        PublishedChanges changes = new PublishedChanges(
                "pub-1",
                PUBLISHED,
                List.of(
                        new PublishedChanges.Cell("06/30102/amount", "4.12", "3.78", List.of(REVERSAL)),
                        new PublishedChanges.Cell("06/301/amount", "18.61", "18.37", List.of(REVERSAL, EXPENDITURE))));

        List<Signal> signals = policy.detect(input(changes));

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.AFTER_PUBLICATION);
            assertThat(s.severity()).isEqualTo(Severity.WARNING);
            assertThat(s.cellKeys()).containsExactly("06/30102/amount", "06/301/amount");
            assertThat(s.postings()).containsExactly(REVERSAL, EXPENDITURE);
            assertThat(s.figures())
                    .containsEntry("publicationId", "pub-1")
                    .containsEntry("changedCells", 2)
                    .containsEntry("06/301/amount.published", "18.61")
                    .containsEntry("06/301/amount.current", "18.37");
        });
    }

    @Test
    void noPublicationOrNoChangeGivesNoSignal() {
        assertThat(policy.detect(input(null))).isEmpty();
        assertThat(policy.detect(input(new PublishedChanges("pub-1", PUBLISHED, List.of()))))
                .isEmpty();
    }

    private static SignalInput input(PublishedChanges changes) {
        return new SignalInput(
                "HT-CAC",
                2019,
                SignalInput.DEPARTMENT,
                Cells.copyOf(java.util.Map.of()),
                List.of(),
                SignalThresholds.DEFAULTS,
                changes);
    }
}
