package org.budgetledger.ledger.audit;

import java.util.Optional;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.ledger.relay.RelayHints;
import org.budgetledger.ledger.relay.StoredEvents;
import org.budgetledger.ledger.relay.StreamRegistry;
import org.springframework.stereotype.Component;

/**
 * Checks a cached ledger against the event store before a command builds on it, and when they differ (the store lost
 * acknowledged events, or was restored from an older copy, or was edited) says so and sets the copies right: the
 * cache is reloaded by the caller, and the relay publishes the stream again from where the store's history and what
 * was published part, so that the projection sees the difference and rebuilds the ledger.
 */
@Component
public class HistoryGuard {

    private static final String KIND = "ledger cache";

    private final StoredEvents stored;
    private final StreamRegistry registry;
    private final RelayHints hints;
    private final Divergences divergences;

    public HistoryGuard(StoredEvents stored, StreamRegistry registry, RelayHints hints, Divergences divergences) {
        this.stored = stored;
        this.registry = registry;
        this.hints = hints;
        this.divergences = divergences;
        divergences.expect(KIND);
    }

    /**
     * Whether the store holds, at this sequence of the stream, the event whose hash the cached copy ends with. An event
     * stored without a hash (written before the chain was kept) cannot be compared: it counts as held.
     */
    public boolean holds(String stream, long sequence, String hash) {
        return stored.hashAt(stream, sequence)
                .map(h -> h.isEmpty() || h.equals(hash))
                .orElse(false);
    }

    /**
     * The cached copy ends at {@code sequence} with {@code hash}, and the store does not: report it, and have the
     * stream published again from the last sequence both surely share (the store's last event, if the store merely
     * lost the end; the beginning, if it holds something else at that place).
     */
    public void diverged(String stream, long sequence, String hash) {
        Optional<String> found = stored.hashAt(stream, sequence);
        long sharedUpTo = found.isPresent() ? StreamRegistry.NONE : stored.lastAtOrBefore(stream, sequence);
        String store = found.map(h -> "another event there (hash " + abbreviated(h) + ")")
                .orElse("no event there: its history ends at sequence " + sharedUpTo);
        divergences.report(
                stream,
                KIND,
                sequence,
                "hash " + abbreviated(hash),
                store,
                "the ledger is reloaded from the store, and published again from sequence " + (sharedUpTo + 1));
        registry.rewind(stream, sharedUpTo);
        hints.rewind(stream, sharedUpTo);
    }

    private static String abbreviated(String hash) {
        return hash == null || hash.length() < 12 ? String.valueOf(hash) : hash.substring(0, 12) + "…";
    }
}
