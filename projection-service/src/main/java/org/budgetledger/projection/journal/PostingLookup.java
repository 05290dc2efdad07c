package org.budgetledger.projection.journal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.budgetledger.contract.Posting;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a ledger's posting by source system and id (what a REVERSAL names): from memory when the ledger was read
 * before, else by reading its journal once. Bounded: the least recently used ledgers are forgotten.
 */
public class PostingLookup {

    private final Journal journal;
    private final Cache<String, Map<String, Posting>> byLedger = Caffeine.newBuilder().maximumSize(200).build();

    public PostingLookup(Journal journal) {
        this.journal = journal;
    }

    public Optional<Posting> find(String ledger, String sourceSystem, String postingId) {
        Map<String, Posting> postings = byLedger.get(ledger, l -> {
            Map<String, Posting> loaded = new ConcurrentHashMap<>();
            journal.read(l, Long.MAX_VALUE, e -> loaded.put(e.key(), e.posting()));
            return loaded;
        });
        return Optional.ofNullable(postings.get(JournalEntry.keyOf(sourceSystem, postingId)));
    }

    /** Entries just applied: known from now on without a read. */
    public void remember(String ledger, List<JournalEntry> entries) {
        Map<String, Posting> postings = byLedger.getIfPresent(ledger);
        if (postings != null) {
            entries.forEach(e -> postings.put(e.key(), e.posting()));
        }
    }
}
