package org.budgetledger.contract.event;

import java.util.Map;

/** The free text of the explanatory part (情况说明) was replaced; earlier versions stay in the stream. */
public record NarrativeRecorded(String unitCode, int fiscalYear, Map<String, String> sections, Recording recording)
        implements LedgerEvent {}
