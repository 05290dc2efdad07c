package org.budgetledger.contract.catalogue;

/** One code of a catalogue with the name the tables print. */
public record CatalogueEntry(String code, String name) {}
