package org.budgetledger.contract.event;

import org.budgetledger.contract.UnitProfile;

/** A unit's profile for the ledger's year was created or replaced. The first event of every ledger. */
public record UnitProfiled(String unitCode, int fiscalYear, UnitProfile profile, Recording recording)
        implements LedgerEvent {}
