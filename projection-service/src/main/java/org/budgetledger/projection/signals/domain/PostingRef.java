package org.budgetledger.projection.signals.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.budgetledger.contract.PostingType;

/**
 * A posting behind a signal: its key ({@code sourceSystem}, {@code postingId}; its trail is
 * {@code GET /api/v1/postings/{sourceSystem}/{postingId}}), its unit, and the amount it adds to the signal's figures in
 * fen (negative for a reversal, as in the audit trail; a budget decrease negative too).
 *
 * @param reverses the posting a REVERSAL withdraws, else null
 */
public record PostingRef(
        String unitCode,
        String sourceSystem,
        String postingId,
        PostingType type,
        long fen,
        LocalDate occurredOn,
        Instant recordedAt,
        long sequence,
        String reverses) {}
