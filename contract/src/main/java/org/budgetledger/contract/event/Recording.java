package org.budgetledger.contract.event;

import java.time.Instant;
import java.util.Objects;

/**
 * How an event came to be recorded: when (the ledger's clock), the correlation id of the request or Kafka record
 * that caused it, its origin ("rest", "kafka:ledger.postings/0@42", "close:HT-CAC:2019", ...), and its actor: who
 * caused it, as the service authenticated them ("api-key:admin", "key:key-1f…", "jwt:zhang.san", "kafka:<topic>"
 * for a Kafka channel, {@value EventRevisions#UNRECORDED} for events written before anyone was noted).
 */
public record Recording(Instant recordedAt, String correlationId, String origin, String actor) {

    public Recording {
        Objects.requireNonNull(actor, "every event names its actor (an earlier one reads as unrecorded)");
    }
}
