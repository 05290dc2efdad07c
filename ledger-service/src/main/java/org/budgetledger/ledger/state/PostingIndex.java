package org.budgetledger.ledger.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.PostingType;

/**
 * Every posting of a ledger by source system and postingId: its content hash and the effect a reversal undoes.
 * Snapshots hold it in a compact text form (one short string per posting) so that a ledger of 100,000 postings
 * stays far below MongoDB's 16 MB document limit.
 */
public final class PostingIndex {

    public record Entry(
            long hash,
            PostingType type,
            FundSource fundSource,
            long amountFen,
            String functionalCode,
            ExpenditureKind kind,
            boolean reversed) {

        Entry reversedNow() {
            return new Entry(hash, type, fundSource, amountFen, functionalCode, kind, true);
        }

        String encode() {
            return Long.toHexString(hash)
                    + ','
                    + type.ordinal()
                    + ','
                    + (fundSource == null ? "" : fundSource.ordinal())
                    + ','
                    + amountFen
                    + ','
                    + (functionalCode == null ? "" : functionalCode)
                    + ','
                    + (kind == null ? "" : kind.ordinal())
                    + ','
                    + (reversed ? 1 : 0);
        }

        static Entry decode(String text) {
            String[] f = text.split(",", -1);
            return new Entry(
                    Long.parseUnsignedLong(f[0], 16),
                    PostingType.values()[Integer.parseInt(f[1])],
                    f[2].isEmpty() ? null : FundSource.values()[Integer.parseInt(f[2])],
                    Long.parseLong(f[3]),
                    f[4].isEmpty() ? null : f[4],
                    f[5].isEmpty() ? null : ExpenditureKind.values()[Integer.parseInt(f[5])],
                    "1".equals(f[6]));
        }
    }

    private final Map<String, Map<String, Entry>> bySource = new HashMap<>();
    private int size;

    public PostingIndex() {}

    @JsonCreator
    static PostingIndex fromSnapshot(Map<String, Map<String, String>> encoded) {
        PostingIndex index = new PostingIndex();
        encoded.forEach((source, entries) -> entries.forEach((id, text) -> index.add(source, id, Entry.decode(text))));
        return index;
    }

    @JsonValue
    Map<String, Map<String, String>> toSnapshot() {
        Map<String, Map<String, String>> encoded = new LinkedHashMap<>();
        bySource.forEach((source, entries) -> {
            Map<String, String> texts = new LinkedHashMap<>();
            entries.forEach((id, e) -> texts.put(id, e.encode()));
            encoded.put(source, texts);
        });
        return encoded;
    }

    public static long parseHash(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }

    public Optional<Entry> get(String sourceSystem, String postingId) {
        Map<String, Entry> entries = bySource.get(sourceSystem);
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(postingId));
    }

    void add(String sourceSystem, String postingId, Entry entry) {
        if (bySource.computeIfAbsent(sourceSystem, s -> new HashMap<>()).put(postingId, entry) == null) {
            size++;
        }
    }

    void markReversed(String sourceSystem, String postingId) {
        bySource.get(sourceSystem).computeIfPresent(postingId, (id, e) -> e.reversedNow());
    }

    public int size() {
        return size;
    }
}
