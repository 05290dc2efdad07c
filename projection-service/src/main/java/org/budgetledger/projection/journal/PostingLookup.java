package org.budgetledger.projection.journal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.budgetledger.contract.Posting;

/**
 * Finds a ledger's posting by source system and id (what a REVERSAL names): from memory when the ledger was read
 * before, else by reading its journal once. Bounded: the least recently used ledgers are forgotten.
 */
public class PostingLookup {

    private final Journal journal;
    private final Cache<String, Map<String, Posting>> byLedger =
            Caffeine.newBuilder().maximumSize(200).build();

    public PostingLookup(Journal journal) {
        this.journal = journal;
    }

    /** {@code applied}: the last sequence applied to the ledger's journal, where a read of it stops. */
    public Optional<Posting> find(String ledger, long applied, String sourceSystem, String postingId) {
        String key = JournalEntry.keyOf(sourceSystem, postingId);
        Posting known = byLedger.get(ledger, l -> load(l, applied)).get(key);
        if (known != null) {
            return Optional.of(known);
        }
        // another instance may have applied events since this one read the ledger: read it again once
        Map<String, Posting> reloaded = load(ledger, applied);
        byLedger.put(ledger, reloaded);
        return Optional.ofNullable(reloaded.get(key));
    }

    private Map<String, Posting> load(String ledger, long applied) {
        Map<String, Posting> loaded = new ConcurrentHashMap<>();
        journal.read(ledger, applied, e -> loaded.put(e.key(), e.posting()));
        return loaded;
    }

    /** Forgets what it knew of the ledger: it is applied again from its start. */
    public void forget(String ledger) {
        byLedger.invalidate(ledger);
    }

    /** Entries just applied: known from now on without a read. */
    public void remember(String ledger, List<JournalEntry> entries) {
        Map<String, Posting> postings = byLedger.getIfPresent(ledger);
        if (postings != null) {
            entries.forEach(e -> postings.put(e.key(), e.posting()));
        }
    }
}
