package org.budgetledger.projection.finalaccounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.projection.journal.JournalEntry;
import org.budgetledger.projection.store.Checkpoints;
import org.budgetledger.projection.store.Imported;
import org.budgetledger.projection.store.LedgerRecord;
import org.budgetledger.projection.store.LedgerRecords;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.store.UnitDirectory;
import org.springframework.stereotype.Service;

/**
 * A unit's figures for a year: consolidated over the unit and its descendants by plain summation, or the unit alone
 * (scope self); now, or as they stood at an instant (recorded time), recomputed from the journal.
 */
@Service
public class FinalAccounts {

    public static final String OPERATING_COSTS = CellKeys.OPERATING_COSTS_KEY;
    private static final String PUBLIC_TOTAL = CellKeys.PUBLIC_TOTAL_KEY;

    private final Stores stores;
    /** Per generation: every reader's ledgers in one read. */
    private final SharedReads<Integer, String, LedgerRecords.Mark> positionReads = new SharedReads<>();

    public FinalAccounts(Stores stores) {
        this.stores = stores;
    }

    public enum Scope {
        DEPARTMENT,
        SELF
    }

    /**
     * One unit's part: its ledger record, its figures (with 机关运行经费 by its own kind), and how far into its ledger
     * they reach. {@code position}: the figures are those of the ledger's first {@code position} events. Now, that is
     * every event applied. As of an instant, it is one past the last event the figures include (a posting, or imported
     * figures, recorded at or before the instant, or the last event of the checkpoint they start from), and every event
     * applied once the instant is at or after the ledger's latest recording time; events among the first
     * {@code position} recorded after the instant (recording times out of sequence order) are not in the figures.
     * {@code imported}: the imported figures these figures are, if any (none as of an instant before the import).
     */
    public record Part(
            UnitDirectory.Unit unit, LedgerRecord record, Figures figures, long position, Imported imported) {
        public Part(UnitDirectory.Unit unit, LedgerRecord record, Figures figures) {
            this(unit, record, figures, record.position(), record.imported());
        }
    }

    /** The figures of a unit and year, with the parts they sum and how many events they include. */
    public record View(String unitCode, int fiscalYear, Scope scope, Instant asOf, List<Part> parts, Figures figures) {
        public long position() {
            return parts.stream().mapToLong(Part::position).sum();
        }

        public Map<String, Long> positions() {
            Map<String, Long> positions = new LinkedHashMap<>();
            parts.forEach(p -> positions.put(p.record().ledger(), p.position()));
            return positions;
        }

        /**
         * Whether any member recorded postings or imported published figures: a year registered and left empty has
         * nothing to compare with, rather than zeros.
         */
        public boolean hasFigures() {
            return parts.stream()
                    .anyMatch(p -> p.record().postings() > 0 || p.record().imported() != null);
        }

        /** The epochs of the members applied again from their start (none normally). */
        public Map<String, Long> epochs() {
            Map<String, Long> epochs = new LinkedHashMap<>();
            parts.stream()
                    .filter(p -> p.record().epoch() != 0)
                    .forEach(p -> epochs.put(p.record().ledger(), p.record().epoch()));
            return epochs;
        }
    }

    public Optional<View> figures(String unitCode, int fiscalYear, Scope scope, Instant asOf) {
        ProjectionStore store = stores.active();
        List<UnitDirectory.Unit> members = members(store, unitCode, fiscalYear, scope);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<Part> parts = new ArrayList<>();
        for (UnitDirectory.Unit unit : members) {
            Optional<LedgerRecord> record = store.records().find(unit.ledger());
            if (record.isEmpty()) {
                continue;
            }
            parts.add(
                    asOf == null
                            ? new Part(
                                    unit,
                                    record.get(),
                                    new Figures().apply(record.get().cells(), 1).withOperatingCosts(unit.kind()))
                            : replay(store, unit, record.get(), asOf));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new View(
                unitCode,
                fiscalYear,
                scope,
                asOf,
                parts,
                Figures.sum(parts.stream().map(Part::figures).toList())));
    }

    /**
     * How many events of each member's ledger the current figures include, from small reads: a cached answer with the
     * same positions (and generation) is still the answer. Readers asking at once share one read of all their ledgers
     * that began after they asked.
     */
    public Optional<Positions> positions(String unitCode, int fiscalYear, Scope scope) {
        int generation = stores.activeGeneration();
        ProjectionStore store = stores.of(generation);
        List<UnitDirectory.Unit> members = members(store, unitCode, fiscalYear, scope);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<String> ledgers = members.stream().map(UnitDirectory.Unit::ledger).toList();
        Map<String, LedgerRecords.Mark> read = positionReads.read(generation, ledgers, store.records()::positions);
        Map<String, Long> positions = new LinkedHashMap<>();
        Map<String, Long> epochs = new LinkedHashMap<>();
        for (UnitDirectory.Unit unit : members) {
            LedgerRecords.Mark p = read.get(unit.ledger());
            if (p != null) {
                positions.put(unit.ledger(), p.position());
                if (p.epoch() != 0) {
                    epochs.put(unit.ledger(), p.epoch());
                }
            }
        }
        return Optional.of(new Positions(generation, positions, epochs));
    }

    /**
     * How far each member's figures go ({@code byLedger}), in which generation, and the epochs of members applied again
     * from their start: a cached answer is valid for exactly these.
     */
    public record Positions(int generation, Map<String, Long> byLedger, Map<String, Long> epochs) {
        public Positions(int generation, Map<String, Long> byLedger) {
            this(generation, byLedger, Map.of());
        }

        /** How many events the figures include, over every ledger: what an open page compares to follow new ones. */
        public long total() {
            return byLedger.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Whether these are the positions the view was computed at. */
        public boolean of(View view) {
            return byLedger.equals(view.positions()) && epochs.equals(view.epochs());
        }
    }

    /** A cell's audit trail: every posting that contributes to it, reversals as negative lines. */
    public record AuditLine(UnitDirectory.Unit unit, JournalEntry entry, long contributionFen) {}

    /** A figure of a year that holds imported published figures: the file it came from, and its amount there. */
    public record ImportLine(UnitDirectory.Unit unit, Imported imported, long fen) {}

    /** The imported figures behind a cell (none where the members' figures come from postings). */
    public List<ImportLine> importedLines(String unitCode, int fiscalYear, Scope scope, String cellKey, Instant asOf) {
        ProjectionStore store = stores.active();
        List<ImportLine> lines = new ArrayList<>();
        for (UnitDirectory.Unit unit : members(store, unitCode, fiscalYear, scope)) {
            Optional<LedgerRecord> record = store.records().find(unit.ledger());
            if (record.isEmpty()
                    || record.get().imported() == null
                    || (asOf != null && record.get().imported().recordedAt().isAfter(asOf))) {
                continue;
            }
            String routedKey = cellKey.equals(OPERATING_COSTS)
                    ? (unit.kind().reportsOperatingCosts() ? PUBLIC_TOTAL : null)
                    : cellKey;
            long fen = routedKey == null ? 0 : record.get().cells().getOrDefault(routedKey, 0L);
            if (fen != 0) {
                lines.add(new ImportLine(unit, record.get().imported(), fen));
            }
        }
        return lines;
    }

    public Optional<List<AuditLine>> audit(String unitCode, int fiscalYear, Scope scope, String cellKey, Instant asOf) {
        ProjectionStore store = stores.active();
        List<UnitDirectory.Unit> members = members(store, unitCode, fiscalYear, scope);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<AuditLine> lines = new ArrayList<>();
        for (UnitDirectory.Unit unit : members) {
            Optional<LedgerRecord> record = store.records().find(unit.ledger());
            if (record.isEmpty()) {
                continue;
            }
            // 机关运行经费 is the 公用经费 of units of an administrative kind
            String routedKey = cellKey.equals(OPERATING_COSTS)
                    ? (unit.kind().reportsOperatingCosts() ? PUBLIC_TOTAL : null)
                    : cellKey;
            if (routedKey == null) {
                continue;
            }
            store.journal().read(unit.ledger(), 0, record.get().applied(), asOf, entry -> {
                long fen = entry.contribution(routedKey);
                if (fen != 0) {
                    lines.add(new AuditLine(unit, entry, fen));
                }
            });
        }
        return Optional.of(lines);
    }

    /** Every published cell with its audit lines, in one pass over the journals (for export to audit tools). */
    public Optional<Map<String, List<AuditLine>>> auditAll(String unitCode, int fiscalYear, Scope scope, Instant asOf) {
        ProjectionStore store = stores.active();
        List<UnitDirectory.Unit> members = members(store, unitCode, fiscalYear, scope);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<AuditLine>> lines = new java.util.TreeMap<>();
        for (UnitDirectory.Unit unit : members) {
            Optional<LedgerRecord> record = store.records().find(unit.ledger());
            if (record.isEmpty()) {
                continue;
            }
            store.journal().read(unit.ledger(), 0, record.get().applied(), asOf, entry -> {
                entry.contributions().forEach((key, fen) -> {
                    lines.computeIfAbsent(key, k -> new ArrayList<>()).add(new AuditLine(unit, entry, fen));
                    if (key.equals(PUBLIC_TOTAL) && unit.kind().reportsOperatingCosts()) {
                        lines.computeIfAbsent(OPERATING_COSTS, k -> new ArrayList<>())
                                .add(new AuditLine(unit, entry, fen));
                    }
                });
            });
        }
        lines.values().removeIf(l -> sum(l).printsAsZero());
        return Optional.of(lines);
    }

    public static Money sum(List<AuditLine> lines) {
        return Money.ofFen(lines.stream().mapToLong(AuditLine::contributionFen).sum());
    }

    /**
     * The department's figures as they stood when each member ledger had exactly {@code positions} events (a
     * publication's positions): the journal up to there, or the imported figures of a year that holds them. The
     * members are the ledgers named, whatever the directory holds today. Empty when one of them is unknown here.
     */
    public Optional<View> figuresAt(String unitCode, int fiscalYear, Map<String, Long> positions) {
        ProjectionStore store = stores.active();
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, Long> member : positions.entrySet()) {
            String code =
                    org.budgetledger.contract.LedgerId.parse(member.getKey()).unitCode();
            Optional<UnitDirectory.Unit> unit = store.units().unit(code, fiscalYear);
            Optional<LedgerRecord> record = store.records().find(member.getKey());
            if (unit.isEmpty() || record.isEmpty() || record.get().applied() < member.getValue() - 1) {
                return Optional.empty();
            }
            long upTo = member.getValue() - 1;
            LedgerRecord r = record.get();
            Figures own = new Figures();
            if (r.imported() != null) {
                own.apply(r.cells(), 1); // a year of imported figures holds no postings
            } else {
                store.journal().read(r.ledger(), 0, upTo, null, e -> own.apply(Contributions.of(e.routed()), e.sign()));
            }
            Imported imported =
                    r.imported() != null && r.imported().sequence() < member.getValue() ? r.imported() : null;
            parts.add(new Part(unit.get(), r, own.withOperatingCosts(unit.get().kind()), member.getValue(), imported));
        }
        parts.sort(java.util.Comparator.comparing(p -> !p.unit().unitCode().equals(unitCode)));
        return Optional.of(new View(
                unitCode,
                fiscalYear,
                Scope.DEPARTMENT,
                null,
                parts,
                Figures.sum(parts.stream().map(Part::figures).toList())));
    }

    /**
     * The figures as they stood at {@code asOf}: from the latest checkpoint wholly before it, then the journal after it;
     * with the position they reach (see {@link Part}).
     */
    private static Part replay(ProjectionStore store, UnitDirectory.Unit unit, LedgerRecord record, Instant asOf) {
        Optional<Checkpoints.Checkpoint> checkpoint = record.recordedUpTo() == null
                ? Optional.empty()
                : store.checkpoints().before(record.ledger(), asOf, record.applied());
        Figures figures = checkpoint.map(c -> new Figures().apply(c.cells(), 1)).orElseGet(Figures::new);
        long from = checkpoint.map(c -> c.applied() + 1).orElse(0L);
        long[] last = {from - 1}; // the last event included: none, or the checkpoint's
        store.journal().read(record.ledger(), from, record.applied(), asOf, entry -> {
            figures.apply(Contributions.of(entry.routed()), entry.sign());
            last[0] = Math.max(last[0], entry.sequence());
        });
        Imported imported =
                record.imported() == null || record.imported().recordedAt().isAfter(asOf) ? null : record.imported();
        if (imported != null) {
            last[0] = Math.max(last[0], imported.sequence());
        }
        boolean everything =
                record.recordedUpTo() != null && !record.recordedUpTo().isAfter(asOf);
        long position = everything ? record.position() : last[0] + 1;
        return new Part(unit, record, figures.withOperatingCosts(unit.kind()), position, imported);
    }

    private static List<UnitDirectory.Unit> members(
            ProjectionStore store, String unitCode, int fiscalYear, Scope scope) {
        return scope == Scope.SELF
                ? store.units().unit(unitCode, fiscalYear).map(List::of).orElse(List.of())
                : store.units().department(unitCode, fiscalYear);
    }
}
