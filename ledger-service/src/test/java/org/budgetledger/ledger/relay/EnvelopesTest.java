package org.budgetledger.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.event.AppropriationRecorded;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.Recording;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

    private final ObjectMapper mapper = Json.newMapper();

    @Test
    void aJustCommittedEventIsWrittenExactlyAsItsJsonTreeWouldBe() throws Exception {
        AppropriationRecorded event = new AppropriationRecorded(
                new Posting(
                        "A-1",
                        "treasury",
                        "HT-CAC",
                        2019,
                        PostingType.APPROPRIATION,
                        FundSource.GENERAL_BUDGET,
                        "2013701",
                        null,
                        null,
                        null,
                        Money.parse("1234.56"),
                        LocalDate.of(2019, 3, 1),
                        "拨款 \"一\"",
                        null,
                        null,
                        null,
                        null),
                "00000000000000a0",
                new Recording(Instant.parse("2019-03-01T08:00:00.123456789Z"), "corr-1", "rest", "test"));
        var message = new GenericDomainEventMessage<>(
                "Ledger",
                "HT-CAC:2019",
                7,
                event,
                MetaData.from(Map.of(EventChain.HASH, "h7", EventChain.PREVIOUS, "h6")));

        String written = new Envelopes().fromMessage(message);

        EventEnvelope viaTree = new EventEnvelope(
                "HT-CAC:2019",
                7,
                message.getIdentifier(),
                "AppropriationRecorded",
                message.getTimestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                mapper.valueToTree(event),
                "h7",
                "h6",
                org.budgetledger.contract.event.EventRevisions.CURRENT);
        assertThat(written).isEqualTo(mapper.writeValueAsString(viaTree));
        assertThat(mapper.readValue(written, EventEnvelope.class).payload()).isEqualTo(mapper.valueToTree(event));
    }

    /**
     * The event store keeps an event's time in milliseconds (Axon's format): a just-committed event is published with
     * that time too, so a reader that fills a gap or rebuilds from the store sees the instant Kafka carried.
     */
    @Test
    void anEventIsPublishedWithTheTimeTheStoreKeeps() throws Exception {
        var message = new GenericDomainEventMessage<>(
                "Ledger",
                "HT-CAC:2019",
                0,
                new org.budgetledger.contract.event.NarrativeRecorded(
                        "HT-CAC", 2019, Map.of(), new Recording(Instant.EPOCH, "c", "rest", "test")),
                MetaData.emptyInstance(),
                "evt-0",
                Instant.parse("2026-12-06T06:42:17.288270381Z"));
        EventEnvelope published = mapper.readValue(new Envelopes().fromMessage(message), EventEnvelope.class);
        assertThat(published.recordedAt()).isEqualTo(Instant.parse("2026-12-06T06:42:17.288Z"));
    }
}
