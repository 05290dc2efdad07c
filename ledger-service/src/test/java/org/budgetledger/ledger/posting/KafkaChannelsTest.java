package org.budgetledger.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** As whom a record on each topic may post. */
class KafkaChannelsTest {

    @Test
    void unsetThePostingsTopicCarriesThePosterKeysSourceSystems() {
        KafkaChannels channels = KafkaChannels.of("", "ledger.postings", List.of("treasury-payments", "demo"));
        assertThat(channels.topics()).containsExactly("ledger.postings");
        assertThat(channels.allows("ledger.postings", "demo")).isTrue();
        assertThat(channels.allows("ledger.postings", "payroll")).isFalse();
        assertThat(channels.refusal("ledger.postings", "payroll"))
                .isEqualTo(
                        "sourceSystem payroll may not post on ledger.postings, which carries demo, treasury-payments");
        assertThat(channels.allows("ledger.other", "demo"))
                .as("a topic that is no channel carries nothing")
                .isFalse();
    }

    @Test
    void eachChannelItsOwnSourceSystemsAndNeverTheLedgersOwn() {
        KafkaChannels channels =
                KafkaChannels.of(" ledger.postings = * ; ledger.postings.payroll=payroll,hr ;", "ignored", List.of());
        assertThat(channels.topics()).containsExactly("ledger.postings", "ledger.postings.payroll");
        assertThat(channels.allows("ledger.postings", "anything")).isTrue();
        assertThat(channels.allows("ledger.postings", "year-close")).isFalse();
        assertThat(channels.refusal("ledger.postings", "year-close")).contains("the ledger's own");
        assertThat(channels.allows("ledger.postings.payroll", "hr")).isTrue();
        assertThat(channels.allows("ledger.postings.payroll", "treasury-payments"))
                .isFalse();
    }

    @Test
    void aChannelWithoutSourceSystemsCarriesNothingAndSaysWhereToSetThem() {
        KafkaChannels channels = KafkaChannels.of(null, "ledger.postings", List.of());
        assertThat(channels.allows("ledger.postings", "demo")).isFalse();
        assertThat(channels.refusal("ledger.postings", "demo")).contains("no source system (LEDGER_KAFKA_CHANNELS)");
    }

    @Test
    void aMalformedSettingIsRefusedNamingIt() {
        for (String setting : List.of("ledger.postings", "=demo", "a=x;a=y", ";;")) {
            assertThatThrownBy(() -> KafkaChannels.of(setting, "ledger.postings", List.of()))
                    .as(setting)
                    .hasMessageContaining("LEDGER_KAFKA_CHANNELS");
        }
    }
}
