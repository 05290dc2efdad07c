package org.budgetledger.ledger.posting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which source systems may post on which topic. The broker's ACLs decide who may write a topic (a payment system's
 * principal, authenticated by SCRAM or TLS); this decides as whom a record on that topic may post. Together they bind
 * a Kafka producer to its source systems, as an API key binds a REST caller to its. A record claiming another source
 * system is parked as {@code forbidden.source_system}, the code REST answers 403 with.
 * <p>
 * LEDGER_KAFKA_CHANNELS: {@code topic=system,system;topic=system}, e.g.
 * {@code ledger.postings=treasury-payments;ledger.postings.payroll=payroll}; {@code *} for any source system but the
 * ledger's own. Unset: the postings topic alone, carrying the poster key's source systems (LEDGER_POSTER_SOURCE_SYSTEMS).
 */
public record KafkaChannels(Map<String, Set<String>> sourcesByTopic) {

    public static final String ANY = "*";
    static final String SETTING = "LEDGER_KAFKA_CHANNELS";

    public KafkaChannels {
        sourcesByTopic = Map.copyOf(sourcesByTopic);
    }

    /** The channels of the setting, or, when it is blank, the postings topic with the poster key's source systems. */
    public static KafkaChannels of(String setting, String postingsTopic, List<String> posterSourceSystems) {
        Map<String, Set<String>> channels = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            channels.put(postingsTopic, sources(posterSourceSystems));
            return new KafkaChannels(channels);
        }
        for (String channel : setting.split(";")) {
            if (channel.isBlank()) {
                continue;
            }
            int eq = channel.indexOf('=');
            String topic = eq < 0 ? "" : channel.substring(0, eq).trim();
            if (topic.isEmpty() || channels.containsKey(topic)) {
                throw new IllegalArgumentException(
                        SETTING + ": '" + channel.trim() + "' is not topic=system,system, or names its topic twice");
            }
            channels.put(topic, sources(List.of(channel.substring(eq + 1).split(","))));
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " names no channel");
        }
        return new KafkaChannels(channels);
    }

    private static Set<String> sources(List<String> names) {
        return names.stream().filter(s -> !s.isBlank()).map(String::trim).collect(Collectors.toUnmodifiableSet());
    }

    /** The topics the ledger ingests, sorted. */
    public String[] topics() {
        return sourcesByTopic.keySet().stream().sorted().toArray(String[]::new);
    }

    /** Whether a record on {@code topic} may post as {@code sourceSystem} (the ledger's own never: InternalSources). */
    public boolean allows(String topic, String sourceSystem) {
        Set<String> allowed = sourcesByTopic.getOrDefault(topic, Set.of());
        return !InternalSources.internal(sourceSystem) && (allowed.contains(ANY) || allowed.contains(sourceSystem));
    }

    public String refusal(String topic, String sourceSystem) {
        if (InternalSources.internal(sourceSystem)) {
            return InternalSources.refusal(sourceSystem);
        }
        Set<String> allowed = sourcesByTopic.getOrDefault(topic, Set.of());
        return "sourceSystem " + sourceSystem + " may not post on " + topic + ", which carries "
                + (allowed.isEmpty()
                        ? "no source system (" + SETTING + ")"
                        : String.join(", ", allowed.stream().sorted().toList()));
    }
}
