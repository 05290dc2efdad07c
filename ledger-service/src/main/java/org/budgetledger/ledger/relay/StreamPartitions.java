package org.budgetledger.ledger.relay;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Which partition of ledger.events carries a stream: Kafka's own choice for a record keyed by the stream (murmur2 of
 * the key, as its default partitioner computes it), made explicit so that the relay knows which streams a partition
 * holds. A stream never changes partition while the topic keeps its partition count.
 */
record StreamPartitions(int count) {

    StreamPartitions {
        if (count <= 0) {
            throw new IllegalArgumentException("a topic has at least one partition: " + count);
        }
    }

    int of(String stream) {
        return Utils.toPositive(Utils.murmur2(stream.getBytes(StandardCharsets.UTF_8))) % count;
    }
}
