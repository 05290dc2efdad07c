package org.budgetledger.contract.event;

/**
 * An event of a ledger's stream (one unit's fiscal year). Events are immutable facts; each is relayed to the
 * ledger.events topic with its gap-free per-ledger sequence number.
 */
public interface LedgerEvent {

    Recording recording();
}
