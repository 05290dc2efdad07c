package org.budgetledger.projection.signals.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;

/**
 * One posting of a unit's journal as the signals read it: the posting (and for a REVERSAL the posting it reversed),
 * its place in its ledger's sequence and when the ledger recorded it.
 */
public record Entry(String unitCode, long sequence, Instant recordedAt, Posting posting, Posting reversed) {

    public boolean isReversal() {
        return reversed != null;
    }

    /** The posting whose figures the entry moves: the reversed one for a REVERSAL. */
    public Posting routed() {
        return isReversal() ? reversed : posting;
    }

    /** +1, or −1 for a REVERSAL. */
    public int sign() {
        return isReversal() ? -1 : 1;
    }

    /** The routed posting's amount with the entry's sign: what the entry adds to a sum of amounts (0 without one). */
    public long signedFen() {
        Money amount = routed().amount();
        return amount == null ? 0 : sign() * amount.fen();
    }

    /** The date the money moved: the reversed posting's for a REVERSAL, as the audit trail shows it. */
    public LocalDate occurredOn() {
        return routed().occurredOn();
    }

    /** The entry as a signal lists it, with the amount it adds to the signal's figures. */
    public PostingRef ref(long fen) {
        return new PostingRef(
                unitCode,
                posting.sourceSystem(),
                posting.postingId(),
                posting.type(),
                fen,
                occurredOn(),
                recordedAt,
                sequence,
                isReversal() ? reversed.postingId() : null);
    }

    /** The entry as a signal lists it, with its signed amount. */
    public PostingRef ref() {
        return ref(signedFen());
    }
}
