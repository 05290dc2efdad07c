package org.budgetledger.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.ledger.posting.domain.PostingInputs.appropriation;
import static org.budgetledger.ledger.posting.domain.PostingInputs.expenditure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.ledger.posting.domain.TestCatalogues;
import org.junit.jupiter.api.Test;

/** Every event a ledger records carries its link of the hash chain; any change to stored content breaks it. */
class EventChainTest {

    private static final ObjectMapper JSON = Json.newMapper();

    @Test
    void recordedEventsLinkToTheirPredecessor() {
        AggregateTestFixture<Ledger> fixture = new AggregateTestFixture<>(Ledger.class);
        fixture.registerInjectableResource(TestCatalogues.SHIPPED);
        LedgerHistory given = LedgerHistory.profiled().post(appropriation("A-1", "100.00"));
        List<DomainEventMessage<?>> recorded = new ArrayList<>();
        fixture.given(given.events())
                .when(new Commands.RecordPostings(
                        given.ledgerId(),
                        List.of(
                                new Commands.Submission(
                                        expenditure("E-1", "10.00").build(), "c1", "rest", "test"),
                                new Commands.Submission(
                                        expenditure("E-2", "20.00").build(), "c2", "rest", "test")),
                        LedgerHistory.EARLIER))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.predicate(events -> {
                    ((List<?>) events).forEach(e -> recorded.add((DomainEventMessage<?>) e));
                    return true;
                }));
        assertThat(recorded).hasSize(2);
        String previous = given.chainHead();
        long sequence = given.state().nextSequence();
        for (DomainEventMessage<?> m : recorded) {
            assertThat(m.getMetaData().get(EventChain.PREVIOUS)).isEqualTo(previous);
            String expected = EventChain.link(previous, sequence++, m.getPayload());
            assertThat(m.getMetaData().get(EventChain.HASH)).isEqualTo(expected);
            previous = expected;
        }
    }

    @Test
    void theLinkDependsOnEveryFieldTheSequenceAndThePredecessorButNotOnFieldOrder() throws Exception {
        LedgerEvent event = (LedgerEvent) LedgerHistory.profiled()
                .post(appropriation("A-1", "100.00"))
                .events()
                .get(1);
        JsonNode content = JSON.valueToTree(event);
        String type = event.getClass().getSimpleName();
        String link = EventChain.link(EventChain.GENESIS, 1, type, content);
        assertThat(EventChain.link(EventChain.GENESIS, 1, event)).isEqualTo(link);

        ObjectNode reordered = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reordered.set(names.get(i), content.get(names.get(i)));
        }
        assertThat(EventChain.link(EventChain.GENESIS, 1, type, reordered)).isEqualTo(link);

        ObjectNode tampered = content.deepCopy();
        ((ObjectNode) tampered.get("posting")).put("amount", "100.01");
        assertThat(EventChain.link(EventChain.GENESIS, 1, type, tampered)).isNotEqualTo(link);
        assertThat(EventChain.link(EventChain.GENESIS, 2, type, content)).isNotEqualTo(link);
        assertThat(EventChain.link("1".repeat(64), 1, type, content)).isNotEqualTo(link);
        assertThat(EventChain.link(EventChain.GENESIS, 1, "IncomeRecorded", content))
                .isNotEqualTo(link);
    }
}
