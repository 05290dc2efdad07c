package org.budgetledger.projection.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.CatalogueRevised;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.NarrativeRecorded;
import org.budgetledger.contract.event.PostingRecorded;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.PublicationRecorded;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.projection.finalaccounts.Contributions;
import org.budgetledger.projection.journal.JournalEntry;
import org.budgetledger.projection.store.Checkpoints;
import org.budgetledger.projection.store.Imported;
import org.budgetledger.projection.store.LedgerRecord;
import org.budgetledger.projection.store.LedgerRecords;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Publications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies ledger.events: each (stream, sequence) exactly once, in order. A stream's events past its cursor are
 * applied as one run: the journal entries first (idempotent), then the figures and the cursor in one conditional
 * update. A gap (an event that did not arrive) is filled from the ledger service's event store, never skipped.
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final int MAX_GAP_PAGES = 1_000;

    private final LedgerSource source;
    private final Divergences divergences;
    private static final String DIVERGENCE = "projection";
    /** Ledgers being applied again from their start on this instance (a break found meanwhile is the store's own). */
    private final java.util.Set<String> repairing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();
    private final Counter applied;
    private final DistributionSummary lag;

    public EventApplier(LedgerSource source, Clock clock, MeterRegistry meters, Divergences divergences) {
        this.source = source;
        this.divergences = divergences;
        divergences.expect(DIVERGENCE);
        this.clock = clock;
        this.applied = Counter.builder("projection.events.applied")
                .description("events applied to the figures")
                .register(meters);
        this.lag = DistributionSummary.builder("projection.lag")
                .baseUnit("seconds")
                .description("seconds between an event's recording and its application")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /**
     * Applies a batch as delivered (any streams, any order, repeats allowed) to one generation of the projections.
     * Answers the delivered events that are not the ledger's: past a gap that its event store cannot fill either (it
     * holds no such events), so nobody but the ledger published them; they are not applied.
     */
    public List<EventEnvelope> apply(ProjectionStore store, List<EventEnvelope> batch) {
        Map<String, TreeMap<Long, EventEnvelope>> byStream = new LinkedHashMap<>();
        for (EventEnvelope e : batch) {
            byStream.computeIfAbsent(e.stream(), s -> new TreeMap<>()).putIfAbsent(e.sequence(), e);
        }
        List<EventEnvelope> strangers = new ArrayList<>();
        byStream.forEach((stream, events) -> applyStream(store, stream, events, strangers));
        return strangers;
    }

    /**
     * Reads the events of a stream up to {@code sequence} from the ledger's event store and applies them: the place of
     * a record that was quarantined is filled at once, not only when a later event of the stream arrives.
     */
    public void fill(ProjectionStore store, String stream, long sequence) {
        long cursor = stream.startsWith("catalogue:")
                ? store.catalogues().applied(stream)
                : store.records().position(stream).applied();
        if (sequence <= cursor) {
            return;
        }
        TreeMap<Long, EventEnvelope> held = new TreeMap<>();
        try {
            source.events(stream, cursor + 1).stream()
                    .filter(e -> e.sequence() <= sequence)
                    .forEach(e -> held.put(e.sequence(), e));
        } catch (RuntimeException e) {
            // no such stream, or the ledger service away: the place is filled with the next event of the stream instead
            log.warn(
                    "could not read {} from the ledger's event store to fill a quarantined place: {}",
                    stream,
                    e.toString());
            return;
        }
        applyStream(store, stream, held, new ArrayList<>());
    }

    private void applyStream(
            ProjectionStore store, String stream, TreeMap<Long, EventEnvelope> events, List<EventEnvelope> strangers) {
        if (stream.startsWith("catalogue:")) {
            applyCatalogue(store, stream, events, strangers);
        } else {
            applyLedger(store, stream, events, strangers);
        }
    }

    /** The run past the cursor; delivered events the event store does not hold are moved to the strangers. */
    private List<EventEnvelope> runOrStrangers(
            String stream, long cursor, TreeMap<Long, EventEnvelope> delivered, List<EventEnvelope> strangers) {
        try {
            return contiguousRun(stream, cursor, delivered);
        } catch (GapException.Absent absent) {
            Map<Long, EventEnvelope> beyond = delivered.tailMap(absent.from(), true);
            strangers.addAll(beyond.values());
            beyond.clear();
            return null;
        }
    }

    private void applyLedger(
            ProjectionStore store,
            String ledger,
            TreeMap<Long, EventEnvelope> delivered,
            List<EventEnvelope> strangers) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            LedgerRecords.Position at = store.records().position(ledger);
            Optional<ChainCheck.Break> redelivery = redeliveryBreak(store, ledger, at, delivered);
            if (redelivery.isPresent()) {
                repair(store, ledger, redelivery.get());
                return;
            }
            List<EventEnvelope> run = runOrStrangers(ledger, at.applied(), delivered, strangers);
            if (run == null) {
                continue; // what is left of the delivered events, without the strangers
            }
            if (run.isEmpty()) {
                return;
            }
            Optional<ChainCheck.Break> link = ChainCheck.firstBreak(at, run);
            if (link.isPresent()) {
                repair(store, ledger, link.get());
                return;
            }
            if (applyRun(store, ledger, at, run)) {
                return;
            }
            log.debug("{} moved while applying {} events; recomputing", ledger, run.size());
        }
        throw new IllegalStateException("could not apply events of " + ledger + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** The journal first, then the figures and the cursor in one conditional update; false if the ledger moved meanwhile. */
    private boolean applyRun(ProjectionStore store, String ledger, LedgerRecords.Position at, List<EventEnvelope> run) {
        long cursor = at.applied();
        Run result = project(store, ledger, cursor, run);
        Map<Long, String> hashes = new HashMap<>();
        run.forEach(e -> hashes.put(e.sequence(), e.hash()));
        store.journal().write(ledger, result.entries(), hashes);
        store.postings().write(result.entries());
        if (result.profile() != null) {
            // before the cursor moves past it: a crash in between must not lose the unit (a later profile wins)
            store.units().record(result.unitCode(), result.fiscalYear(), result.profile(), result.profileSequence());
        }
        if (!store.records().apply(ledger, result.change(cursor, at.epoch()))) {
            return false;
        }
        store.lookup().remember(ledger, result.entries());
        if (Checkpoints.due(cursor, result.to()) || result.imported() != null) {
            // imported figures are not in the journal: a checkpoint is what an as-of answer finds them in
            checkpoint(store, ledger, result.to());
        }
        count(run);
        return true;
    }

    /** Events delivered again (at or before the cursor): each must be the event applied at its place. */
    private static Optional<ChainCheck.Break> redeliveryBreak(
            ProjectionStore store, String ledger, LedgerRecords.Position at, TreeMap<Long, EventEnvelope> delivered) {
        Map<Long, EventEnvelope> again = delivered.headMap(at.applied(), true);
        if (again.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, String> applied = store.journal().hashes(ledger, again.keySet());
        if (at.head() != null) {
            applied.putIfAbsent(at.applied(), at.head());
        }
        return ChainCheck.firstRedeliveryBreak(applied, again.values());
    }

    /**
     * The ledger's history differs from what the projection applied: say so, forget the ledger and apply it again
     * from its first event, read from the ledger's event store (the authority). If that history itself does not link,
     * nothing more can be trusted: the poll fails and is retried, and the health shows the divergence.
     */
    private void repair(ProjectionStore store, String ledger, ChainCheck.Break at) {
        divergences.report(
                ledger,
                DIVERGENCE,
                at.sequence(),
                at.applied(),
                at.arrived(),
                "the ledger is applied again from its first event, read from the ledger's event store");
        if (!repairing.add(ledger)) {
            throw new IllegalStateException(
                    ledger + ": the ledger's own history does not link at sequence " + at.sequence());
        }
        try {
            store.forget(ledger);
            for (int page = 0; page < MAX_GAP_PAGES; page++) {
                long next = store.records().position(ledger).applied() + 1;
                List<EventEnvelope> events = source.events(ledger, next);
                TreeMap<Long, EventEnvelope> delivered = new TreeMap<>();
                events.forEach(e -> delivered.put(e.sequence(), e));
                applyLedger(store, ledger, delivered, new ArrayList<>());
                if (events.size() < LedgerSource.PAGE) {
                    break;
                }
            }
            log.warn(
                    "{} applied again from the ledger's event store: {} events",
                    ledger,
                    store.records().position(ledger).applied() + 1);
        } finally {
            repairing.remove(ledger);
        }
    }

    /**
     * The figures just applied, kept for as-of answers. Skipped when the ledger has moved on meanwhile (the next
     * checkpoint's place comes soon) or when its recording times were not tracked from its first event on.
     */
    private static void checkpoint(ProjectionStore store, String ledger, long applied) {
        try {
            store.records()
                    .find(ledger)
                    .filter(r -> r.applied() == applied && r.recordedUpTo() != null)
                    .ifPresent(r -> store.checkpoints().record(ledger, applied, r.recordedUpTo(), r.cells()));
        } catch (RuntimeException e) {
            // the figures are applied; an as-of answer replays from an earlier checkpoint instead
            log.warn("no checkpoint of {} at {}: {}", ledger, applied, e.toString());
        }
    }

    /** The delivered events past the cursor, with any missing ones before them fetched from the ledger service. */
    private List<EventEnvelope> contiguousRun(String stream, long cursor, TreeMap<Long, EventEnvelope> delivered) {
        List<EventEnvelope> run = new ArrayList<>();
        long next = cursor + 1;
        for (EventEnvelope e : delivered.tailMap(next, true).values()) {
            if (e.sequence() > next) {
                run.addAll(fetch(stream, next, e.sequence() - 1));
            }
            run.add(e);
            next = e.sequence() + 1;
        }
        return run;
    }

    private List<EventEnvelope> fetch(String stream, long from, long to) {
        List<EventEnvelope> missing = new ArrayList<>();
        try {
            for (int page = 0; from <= to && page < MAX_GAP_PAGES; page++) {
                List<EventEnvelope> got = source.events(stream, from);
                for (EventEnvelope e : got) {
                    if (e.sequence() == from && from <= to) {
                        missing.add(e);
                        from++;
                    }
                }
                if (got.size() < LedgerSource.PAGE) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw new GapException(
                    "events " + from + ".." + to + " of " + stream
                            + " are missing and the ledger service did not answer",
                    e);
        }
        if (from <= to) {
            throw new GapException.Absent(stream, from, to);
        }
        log.info("filled a gap of {} events in {} from the ledger service", missing.size(), stream);
        return missing;
    }

    private record Run(
            String unitCode,
            int fiscalYear,
            List<JournalEntry> entries,
            Map<String, Long> deltas,
            long postings,
            UnitProfile profile,
            long profileSequence,
            Map<String, String> narrative,
            LedgerRecord.Closing closing,
            long to,
            String head,
            Instant last,
            Instant latest,
            Imported imported) {
        LedgerRecords.Change change(long from, long epoch) {
            return new LedgerRecords.Change(
                    from,
                    epoch,
                    to,
                    head,
                    deltas,
                    postings,
                    profile,
                    narrative,
                    closing == null ? null : Boolean.TRUE,
                    closing,
                    last,
                    latest,
                    imported);
        }
    }

    private Run project(ProjectionStore store, String ledger, long cursor, List<EventEnvelope> run) {
        org.budgetledger.contract.LedgerId id = org.budgetledger.contract.LedgerId.parse(ledger);
        List<JournalEntry> entries = new ArrayList<>();
        Map<String, Long> deltas = new HashMap<>();
        Map<String, Posting> inRun = new HashMap<>();
        UnitProfile profile = null;
        long profileSequence = -1;
        Map<String, String> narrative = null;
        LedgerRecord.Closing closing = null;
        Imported imported = null;
        long postings = 0;
        for (EventEnvelope envelope : run) {
            LedgerEvent event = parse(envelope);
            if (event instanceof FiguresImported f) {
                replaceCells(store, ledger, cursor, deltas, f.cells());
                imported = new Imported(f.source(), envelope.sequence(), envelope.recordedAt());
            } else if (event instanceof UnitProfiled p) {
                profile = p.profile();
                profileSequence = envelope.sequence();
            } else if (event instanceof NarrativeRecorded n) {
                narrative = n.sections();
            } else if (event instanceof PublicationRecorded p) {
                // before the cursor moves past it (idempotent): a crash in between must not lose the publication
                store.publications().record(publication(ledger, envelope, p));
            } else if (event instanceof YearClosed c) {
                closing = new LedgerRecord.Closing(c.recording().recordedAt(), envelope.sequence());
            } else if (event instanceof PostingReversed r) {
                Posting reversed = inRun.get(JournalEntry.keyOf(r.posting().sourceSystem(), r.reversedPostingId()));
                if (reversed == null) {
                    reversed = store.lookup()
                            .find(ledger, cursor, r.posting().sourceSystem(), r.reversedPostingId())
                            .orElseThrow(() -> new IllegalStateException(
                                    ledger + ": reversal of " + r.reversedPostingId() + " which the journal lacks"));
                }
                Contributions.of(reversed).forEach((k, fen) -> deltas.merge(k, -fen, Math::addExact));
                entries.add(entry(ledger, envelope, r, reversed));
                postings++;
            } else if (event instanceof PostingRecorded p) {
                Contributions.of(p.posting()).forEach((k, fen) -> deltas.merge(k, fen, Math::addExact));
                entries.add(entry(ledger, envelope, p, null));
                inRun.put(
                        JournalEntry.keyOf(
                                p.posting().sourceSystem(), p.posting().postingId()),
                        p.posting());
                postings++;
            }
        }
        EventEnvelope last = run.get(run.size() - 1);
        Instant latest = run.stream()
                .map(EventEnvelope::recordedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        return new Run(
                id.unitCode(),
                id.fiscalYear(),
                entries,
                deltas,
                postings,
                profile,
                profileSequence,
                narrative,
                closing,
                last.sequence(),
                last.hash(),
                last.recordedAt(),
                latest,
                imported);
    }

    /**
     * Imported figures replace the ledger's cells: the deltas that take the cells at the cursor, with the run's changes
     * so far, to exactly these. (The conditional update refuses them if the ledger moved meanwhile.)
     */
    private static void replaceCells(
            ProjectionStore store, String ledger, long cursor, Map<String, Long> deltas, Map<String, Long> cells) {
        Map<String, Long> current = new HashMap<>(
                cursor == LedgerRecords.NONE
                        ? Map.of()
                        : store.records().find(ledger).map(LedgerRecord::cells).orElse(Map.of()));
        deltas.forEach((k, v) -> current.merge(k, v, Math::addExact));
        java.util.Set<String> keys = new java.util.HashSet<>(current.keySet());
        keys.addAll(cells.keySet());
        for (String key : keys) {
            long delta = cells.getOrDefault(key, 0L) - current.getOrDefault(key, 0L);
            if (delta != 0) {
                deltas.merge(key, delta, Math::addExact);
            }
        }
    }

    private static Publications.Publication publication(String ledger, EventEnvelope envelope, PublicationRecorded p) {
        return new Publications.Publication(
                p.publicationId(),
                ledger,
                envelope.sequence(),
                p.recording().recordedAt(),
                p.positions(),
                p.digest(),
                p.cellCount(),
                p.note());
    }

    private static JournalEntry entry(String ledger, EventEnvelope envelope, PostingRecorded event, Posting reversed) {
        return new JournalEntry(
                ledger,
                envelope.sequence(),
                envelope.eventId(),
                envelope.recordedAt(),
                event.recording().correlationId(),
                event.recording().origin(),
                event.posting(),
                reversed,
                event.recording().actor());
    }

    private void applyCatalogue(
            ProjectionStore store,
            String stream,
            TreeMap<Long, EventEnvelope> delivered,
            List<EventEnvelope> strangers) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long cursor = store.catalogues().applied(stream);
            List<EventEnvelope> run = runOrStrangers(stream, cursor, delivered, strangers);
            if (run == null) {
                continue;
            }
            if (run.isEmpty()) {
                return;
            }
            List<CatalogueRevised> revisions =
                    run.stream().map(e -> (CatalogueRevised) parse(e)).toList();
            if (store.catalogues().apply(stream, cursor, run.get(run.size() - 1).sequence(), revisions)) {
                count(run);
                return;
            }
        }
        throw new IllegalStateException("could not apply events of " + stream);
    }

    private void count(List<EventEnvelope> run) {
        applied.increment(run.size());
        Instant now = clock.instant();
        for (EventEnvelope e : run) {
            lag.record(Math.max(0, Duration.between(e.recordedAt(), now).toMillis()) / 1000.0);
        }
    }

    private LedgerEvent parse(EventEnvelope envelope) {
        Class<? extends LedgerEvent> type = LedgerEvents.byName(envelope.type())
                .orElseThrow(() -> new IllegalStateException(
                        "unknown event type " + envelope.type() + " in " + envelope.stream()));
        try {
            return mapper.treeToValue(envelope.currentPayload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "unreadable " + envelope.type() + " " + envelope.stream() + "/" + envelope.sequence(), e);
        }
    }
}
