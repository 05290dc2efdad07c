package org.budgetledger.projection.apply;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.projection.store.LedgerRecords;

/**
 * Whether what arrives continues the history the projection applied: each event of a run names the hash of the one
 * before it ({@code previousHash}), which must be the hash applied last; and an event delivered again must be the one
 * applied at its place. A ledger whose store lost or changed events (and then recorded others at the same places)
 * fails one of the two. Where a hash is unknown (applied before hashes were kept) nothing is compared.
 */
final class ChainCheck {

    /** Where the history parts: at which sequence, what the projection applied, what arrived. */
    record Break(long sequence, String applied, String arrived) {}

    private ChainCheck() {}

    /** The first event of the run that does not follow the one before it (the head applied, then each other). */
    static Optional<Break> firstBreak(LedgerRecords.Position at, List<EventEnvelope> run) {
        String expected = at.applied() == LedgerRecords.NONE ? EventEnvelope.GENESIS : at.head();
        for (EventEnvelope e : run) {
            if (expected != null && e.previousHash() != null && !expected.equals(e.previousHash())) {
                return Optional.of(new Break(
                        e.sequence(),
                        "event " + (e.sequence() - 1) + " with hash " + abbreviated(expected),
                        "an event whose previous hash is " + abbreviated(e.previousHash())));
            }
            expected = e.hash();
        }
        return Optional.empty();
    }

    /** The first event delivered again whose hash is not the one applied at its place. */
    static Optional<Break> firstRedeliveryBreak(Map<Long, String> applied, Iterable<EventEnvelope> redelivered) {
        for (EventEnvelope e : redelivered) {
            String hash = applied.get(e.sequence());
            if (hash != null && e.hash() != null && !hash.equals(e.hash())) {
                return Optional.of(new Break(
                        e.sequence(),
                        "the event with hash " + abbreviated(hash),
                        "another event (" + e.type() + ", hash " + abbreviated(e.hash()) + ")"));
            }
        }
        return Optional.empty();
    }

    static String abbreviated(String hash) {
        return hash == null || hash.length() < 12 ? String.valueOf(hash) : hash.substring(0, 12) + "…";
    }
}
