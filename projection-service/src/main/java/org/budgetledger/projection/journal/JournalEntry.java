package org.budgetledger.projection.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.budgetledger.contract.Posting;
import org.budgetledger.projection.finalaccounts.domain.CellRouting;

/**
 * One recorded posting as the query side keeps it: the posting, the event that recorded it (stream, sequence,
 * eventId, recordedAt), and, for a REVERSAL, the posting it reversed. Every audit line, as-of answer and rebuild
 * of figures comes from these.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(
        String ledger,
        long sequence,
        String eventId,
        Instant recordedAt,
        String correlationId,
        String origin,
        Posting posting,
        Posting reversed,
        String actor) {

    public boolean isReversal() {
        return reversed != null;
    }

    /** The posting whose figures this entry moves: the reversed one for a REVERSAL. */
    public Posting routed() {
        return isReversal() ? reversed : posting;
    }

    /** +1, or −1 for a REVERSAL: it takes back what the reversed posting added. */
    public int sign() {
        return isReversal() ? -1 : 1;
    }

    /** The signed fen this entry adds to each cell of its unit's own figures. */
    public Map<String, Long> contributions() {
        Map<String, Long> signed = new HashMap<>();
        CellRouting.contributions(routed()).forEach((key, fen) -> signed.put(key, sign() * fen));
        return signed;
    }

    /** The signed fen this entry adds to one cell (0 if it feeds none): the audit of a cell reads only that. */
    public long contribution(String cellKey) {
        return sign() * CellRouting.contributions(routed()).getOrDefault(cellKey, 0L);
    }

    public String key() {
        return keyOf(posting.sourceSystem(), posting.postingId());
    }

    public static String keyOf(String sourceSystem, String postingId) {
        return postingId + "|" + sourceSystem; // postingId never contains '|'
    }
}
