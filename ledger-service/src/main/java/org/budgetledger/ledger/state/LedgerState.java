package org.budgetledger.ledger.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.PublishedBalances;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.PostingRecorded;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.contract.event.YearClosed;

/**
 * What a ledger must remember to decide: its profile, whether it is closed, every posting's content hash and
 * effect (for duplicates, conflicts and reversals), what each fund source has available, and the balances per
 * fund source × functional code × basic/project that a year close carries forward. Evolves by events only.
 * Mutable for speed (a ledger may hold 100,000 postings); never shared outside its aggregate.
 */
public final class LedgerState {

    private UnitProfile profile;
    private boolean closed;
    private final PostingIndex postings;
    private final EnumMap<FundSource, Long> available;
    private final TreeMap<String, Long> balances;
    private long nextSequence;
    private String chainHead;
    /** The SHA-256 of the file whose published figures the year holds instead of postings; null if none. */
    private String imported;
    /** Those figures (fen by cell key): a later file of some tables replaces theirs and keeps the others. */
    private TreeMap<String, Long> importedCells;

    public LedgerState() {
        this(
                null,
                false,
                new PostingIndex(),
                new EnumMap<>(FundSource.class),
                new TreeMap<>(),
                0,
                EventChain.GENESIS,
                null,
                null);
    }

    @JsonCreator
    LedgerState(
            @JsonProperty("profile") UnitProfile profile,
            @JsonProperty("closed") boolean closed,
            @JsonProperty("postings") PostingIndex postings,
            @JsonProperty("available") EnumMap<FundSource, Long> available,
            @JsonProperty("balances") TreeMap<String, Long> balances,
            @JsonProperty("nextSequence") long nextSequence,
            @JsonProperty("chainHead") String chainHead,
            @JsonProperty("imported") String imported,
            @JsonProperty("importedCells") TreeMap<String, Long> importedCells) {
        this.profile = profile;
        this.closed = closed;
        this.postings = postings;
        this.available =
                available == null || available.isEmpty() ? new EnumMap<>(FundSource.class) : new EnumMap<>(available);
        this.balances = balances == null ? new TreeMap<>() : balances;
        this.nextSequence = nextSequence;
        this.chainHead = chainHead == null ? EventChain.GENESIS : chainHead;
        this.imported = imported;
        this.importedCells = importedCells == null ? new TreeMap<>() : importedCells;
    }

    // ---- evolution ------------------------------------------------------------------------------------------

    /** Evolves by an event that carries its link of the hash chain. */
    public void evolve(LedgerEvent event, String hash) {
        evolve(event);
        chainHead = hash;
    }

    public void evolve(LedgerEvent event) {
        if (event instanceof UnitProfiled profiled) {
            profile = profiled.profile();
        } else if (event instanceof PostingReversed reversed) {
            Posting reversal = reversed.posting();
            PostingIndex.Entry target = postings.get(reversal.sourceSystem(), reversed.reversedPostingId())
                    .orElseThrow(() -> new IllegalStateException(
                            "reversal of an unknown posting " + reversed.reversedPostingId()));
            postings.markReversed(reversal.sourceSystem(), reversed.reversedPostingId());
            postings.add(
                    reversal.sourceSystem(),
                    reversal.postingId(),
                    new PostingIndex.Entry(
                            PostingIndex.parseHash(reversed.contentHash()),
                            PostingType.REVERSAL,
                            null,
                            0,
                            null,
                            null,
                            false));
            move(target.type(), target.fundSource(), target.functionalCode(), target.kind(), -target.amountFen());
        } else if (event instanceof PostingRecorded recorded) {
            Posting p = recorded.posting();
            postings.add(
                    p.sourceSystem(),
                    p.postingId(),
                    new PostingIndex.Entry(
                            PostingIndex.parseHash(recorded.contentHash()),
                            p.type(),
                            p.fundSource(),
                            p.amount().fen(),
                            p.functionalCode(),
                            p.expenditureKind(),
                            false));
            move(
                    p.type(),
                    p.fundSource(),
                    p.functionalCode(),
                    p.expenditureKind(),
                    p.amount().fen());
        } else if (event instanceof YearClosed) {
            closed = true;
        } else if (event instanceof FiguresImported figures) {
            imported = figures.source().sha256();
            importedCells = new TreeMap<>(figures.cells());
        }
        nextSequence++;
    }

    /**
     * Whether applying a posting's effect (or, with a negative amount, undoing it) keeps every total exact: fen
     * are longs, and a sum that would leave their range is refused rather than wrapped or thrown mid-command.
     */
    public boolean canMove(
            PostingType type, FundSource fundSource, String functionalCode, ExpenditureKind kind, long fen) {
        int sign = type.availabilityEffect();
        if (sign == 0) {
            return true;
        }
        try {
            Math.addExact(available.getOrDefault(fundSource, 0L), sign * fen);
            Math.addExact(
                    balances.getOrDefault(
                            balanceKey(
                                    fundSource,
                                    functionalCode,
                                    type == PostingType.EXPENDITURE || type == PostingType.OPENING_BALANCE
                                            ? kind
                                            : null),
                            0L),
                    sign * fen);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** Applies a posting's effect (or, with a negative amount, undoes it) on availability and balances. */
    private void move(PostingType type, FundSource fundSource, String functionalCode, ExpenditureKind kind, long fen) {
        int sign = type.availabilityEffect();
        if (sign == 0) {
            return;
        }
        available.merge(fundSource, sign * fen, Math::addExact);
        balances.merge(
                balanceKey(
                        fundSource,
                        functionalCode,
                        type == PostingType.EXPENDITURE || type == PostingType.OPENING_BALANCE ? kind : null),
                sign * fen,
                Math::addExact);
    }

    // ---- queries the rules ask ------------------------------------------------------------------------------

    public boolean registered() {
        return profile != null;
    }

    public UnitProfile profile() {
        return profile;
    }

    public boolean closed() {
        return closed;
    }

    /** The SHA-256 of the imported file when the year holds imported figures, else null. */
    public String imported() {
        return imported;
    }

    /** The imported figures (empty if none). */
    public Map<String, Long> importedCells() {
        return java.util.Collections.unmodifiableMap(importedCells);
    }

    public long nextSequence() {
        return nextSequence;
    }

    /** The hash of the ledger's last event (GENESIS before the first). */
    public String chainHead() {
        return chainHead;
    }

    public Optional<PostingIndex.Entry> posting(String sourceSystem, String postingId) {
        return postings.get(sourceSystem, postingId);
    }

    public int postingCount() {
        return postings.size();
    }

    public Money available(FundSource fundSource) {
        return Money.ofFen(available.getOrDefault(fundSource, 0L));
    }

    public Map<FundSource, Money> availableByFundSource() {
        Map<FundSource, Money> result = new EnumMap<>(FundSource.class);
        available.forEach((fs, fen) -> result.put(fs, Money.ofFen(fen)));
        return result;
    }

    /**
     * The closing balances (年末结转和结余) per fund source and functional code, split into basic/project where the
     * postings say so. Income carries no kind, so what is not attributable stays without a kind. A negative
     * balance of one code (income and spending on different 项) is listed and carried nowhere. A year of imported
     * figures has the balances its published tables state ({@link PublishedBalances}; what they give only as a total has no 项).
     */
    public List<YearClosed.ClosingBalance> closingBalances() {
        if (imported != null) {
            return PublishedBalances.of(importedCells).stream()
                    .map(b -> new YearClosed.ClosingBalance(
                            b.fundSource(), b.functionalCode(), null, Money.ofFen(b.fen()), null))
                    .toList();
        }
        Map<String, Map<String, Long>> byCode = new TreeMap<>();
        balances.forEach((key, fen) -> {
            int cut = key.lastIndexOf('|');
            byCode.computeIfAbsent(key.substring(0, cut), k -> new TreeMap<>()).put(key.substring(cut + 1), fen);
        });
        List<YearClosed.ClosingBalance> result = new ArrayList<>();
        byCode.forEach((code, kinds) -> {
            String[] parts = code.split("\\|");
            FundSource fs = FundSource.valueOf(parts[0]);
            String fn = parts[1];
            long total = kinds.values().stream().mapToLong(Long::longValue).sum();
            if (total <= 0) {
                if (total < 0) {
                    result.add(new YearClosed.ClosingBalance(fs, fn, null, Money.ofFen(total), null));
                }
                return;
            }
            long left = total;
            for (ExpenditureKind kind : List.of(ExpenditureKind.PROJECT, ExpenditureKind.BASIC)) {
                long part = Math.min(left, Math.max(0, kinds.getOrDefault(kind.name(), 0L)));
                if (part > 0) {
                    result.add(new YearClosed.ClosingBalance(fs, fn, kind, Money.ofFen(part), null));
                    left -= part;
                }
            }
            if (left > 0) {
                result.add(new YearClosed.ClosingBalance(fs, fn, null, Money.ofFen(left), null));
            }
        });
        return result;
    }

    private static String balanceKey(FundSource fs, String functionalCode, ExpenditureKind kind) {
        return fs.name() + "|" + functionalCode + "|" + (kind == null ? "-" : kind.name());
    }

    // ---- for the snapshot serializer -----------------------------------------------------------------------

    @JsonProperty("profile")
    UnitProfile profileForSnapshot() {
        return profile;
    }

    @JsonProperty("closed")
    boolean closedForSnapshot() {
        return closed;
    }

    @JsonProperty("postings")
    PostingIndex postingsForSnapshot() {
        return postings;
    }

    @JsonProperty("available")
    Map<FundSource, Long> availableForSnapshot() {
        return available;
    }

    @JsonProperty("balances")
    Map<String, Long> balancesForSnapshot() {
        return balances;
    }

    @JsonProperty("nextSequence")
    long nextSequenceForSnapshot() {
        return nextSequence;
    }

    @JsonProperty("chainHead")
    String chainHeadForSnapshot() {
        return chainHead;
    }

    @JsonProperty("imported")
    String importedForSnapshot() {
        return imported;
    }

    @JsonProperty("importedCells")
    Map<String, Long> importedCellsForSnapshot() {
        return importedCells;
    }
}
