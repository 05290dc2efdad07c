package org.budgetledger.projection.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.budgetledger.contract.Posting;

import java.time.Instant;

/**
 * One recorded posting as the query side keeps it: the posting, the event that recorded it (stream, sequence,
 * eventId, recordedAt), and, for a REVERSAL, the posting it reversed. Every audit line, as-of answer and rebuild
 * of figures comes from these.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(String ledger, long sequence, String eventId, Instant recordedAt, String correlationId,
                           String origin, Posting posting, Posting reversed) {

    public boolean isReversal() {
        return reversed != null;
    }

    public String key() {
        return keyOf(posting.sourceSystem(), posting.postingId());
    }

    public static String keyOf(String sourceSystem, String postingId) {
        return postingId + "|" + sourceSystem; // postingId never contains '|'
    }
}
