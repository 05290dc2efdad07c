package org.budgetledger.projection.store;

import java.time.Instant;
import org.budgetledger.contract.event.FiguresImported;

/**
 * Where a ledger's figures came from when the year holds published figures imported from a document instead of
 * postings: the file (name, SHA-256, format, tables), and the event that recorded them (sequence, recording time).
 */
public record Imported(FiguresImported.Source source, long sequence, Instant recordedAt) {}
