package org.budgetledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.PublicationRecorded;
import org.budgetledger.contract.event.UnitProfiled;
import org.junit.jupiter.api.Test;

/** The event types are read from the sealed hierarchy: every record, each once, found by its name. */
class LedgerEventsTest {

    @Test
    void everyConcreteEventTypeOnce() {
        assertThat(LedgerEvents.TYPES)
                .hasSize(15)
                .doesNotHaveDuplicates()
                .allMatch(Class::isRecord)
                .contains(UnitProfiled.class, PostingReversed.class, FiguresImported.class, PublicationRecorded.class);
        assertThat(LedgerEvents.byName("FiguresImported")).contains(FiguresImported.class);
        assertThat(LedgerEvents.byName("PostingRecorded")).isEmpty();
    }
}
