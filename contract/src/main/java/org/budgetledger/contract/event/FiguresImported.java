package org.budgetledger.contract.event;

import java.util.List;
import java.util.Map;

/**
 * The published figures of a year that the ledger did not record, brought in from the published document: every
 * cell in fen (万元 × 1,000,000 as printed), with the file they came from. A year holds postings or imported figures,
 * never both; a later import replaces an earlier one.
 *
 * @param cells  cell key → fen, as the tables print them (zero cells left out)
 * @param source the file: its name, SHA-256 of its bytes, its format (xlsx, csv, json) and the tables it held
 */
public record FiguresImported(
        String unitCode, int fiscalYear, Map<String, Long> cells, Source source, Recording recording)
        implements LedgerEvent {

    public FiguresImported {
        cells = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(cells)); // stored in key order
    }

    /** Where imported figures came from. */
    public record Source(String fileName, String sha256, String format, List<String> tables) {
        public Source {
            tables = List.copyOf(tables);
        }
    }
}
