package org.budgetledger.contract.event;

import java.time.Instant;

/**
 * How an event came to be recorded: when (the ledger's clock), the correlation id of the request or Kafka record
 * that caused it, and its origin ("rest", "kafka:ledger.postings/0@42", "close:HT-CAC:2019", ...).
 */
public record Recording(Instant recordedAt, String correlationId, String origin) {}
