package org.budgetledger.ledger.relay;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;
import org.budgetledger.contract.LedgerId;

/**
 * Which partition of ledger.events carries a stream: the partition Kafka's default partitioner gives a record keyed
 * by the stream's unit code (murmur2 of the key), which is where ledger.postings, keyed by the unit code, carries the
 * unit's postings. With the same partition count on both topics and {@link AlignedAssignor} in both groups, the
 * instance that ingests a unit's postings is the one that publishes its events. A stream that is no ledger (a
 * catalogue) is placed by its own id. A stream never changes partition while the topic keeps its partition count.
 */
record StreamPartitions(int count) {

    /** A ledger's stream: its unit code, ':', its year (LedgerId's written form). */
    private static final Pattern LEDGER = Pattern.compile("(" + LedgerId.UNIT_CODE.pattern() + "):\\d{4}");

    StreamPartitions {
        if (count <= 0) {
            throw new IllegalArgumentException("a topic has at least one partition: " + count);
        }
    }

    int of(String stream) {
        return Utils.toPositive(Utils.murmur2(routingKey(stream).getBytes(StandardCharsets.UTF_8))) % count;
    }

    /** A ledger's unit code; any other stream's own id. */
    static String routingKey(String stream) {
        Matcher ledger = LEDGER.matcher(stream);
        return ledger.matches() ? ledger.group(1) : stream;
    }
}
