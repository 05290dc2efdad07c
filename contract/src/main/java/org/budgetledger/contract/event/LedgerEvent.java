package org.budgetledger.contract.event;

/**
 * An event of a ledger's stream (one unit's fiscal year). Events are immutable facts; each is relayed to the
 * ledger.events topic with its gap-free per-ledger sequence number. Sealed: these are all the events there are, the
 * compiler knows them, and {@link LedgerEvents#TYPES} is read from here.
 */
public sealed interface LedgerEvent
        permits UnitProfiled,
                NarrativeRecorded,
                YearClosed,
                CatalogueRevised,
                PostingRecorded,
                FiguresImported,
                PublicationRecorded {

    Recording recording();
}
