package org.budgetledger.ledger.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.NarrativeRecorded;
import org.budgetledger.contract.event.PublicationRecorded;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.posting.domain.Catalogues;
import org.budgetledger.ledger.posting.domain.PostingDecider;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.state.LedgerState;

/**
 * One unit's fiscal year: the consistency boundary of availability, idempotency and the closed year, and the
 * stream an auditor replays. Command handlers load (Axon), decide (pure, {@link PostingDecider}) and append.
 * Its sequence numbers are gap-free; the store's unique index on (ledger, sequence) makes two writers on one
 * ledger collide instead of both succeeding.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY) // snapshots serialize the fields
@Aggregate(repository = "ledgerRepository")
public class Ledger {

    @AggregateIdentifier
    private String ledgerId;

    private LedgerState state = new LedgerState();
    private YearClosed closing;
    /** The chain head right after the close: the digest an auditor keeps. */
    private String closingDigest;
    /** The identifier of the event applied last, to answer with; not part of the state. */
    private transient String lastEventId;

    protected Ledger() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ProfileOutcome handle(Commands.ProfileUnit command) {
        LedgerId id = LedgerId.parse(command.ledgerId());
        if (state.closed()) {
            return ProfileOutcome.YEAR_CLOSED;
        }
        if (state.registered() && Objects.equals(state.profile(), command.profile())) {
            return ProfileOutcome.UNCHANGED;
        }
        ProfileOutcome outcome = state.registered() ? ProfileOutcome.REPLACED : ProfileOutcome.CREATED;
        record(new UnitProfiled(id.unitCode(), id.fiscalYear(), command.profile(), command.recording()));
        return outcome;
    }

    @CommandHandler
    public List<PostingOutcome> handle(Commands.RecordPostings command, Catalogues catalogues) {
        LedgerId id = LedgerId.parse(ledgerId);
        List<PostingOutcome> outcomes = new ArrayList<>(command.submissions().size());
        for (Commands.Submission submission : command.submissions()) {
            Recording recording = new Recording(
                    command.recordedAt(), submission.correlationId(), submission.origin(), submission.actor());
            PostingDecider.Decision decision = PostingDecider.decide(
                    state, id.unitCode(), id.fiscalYear(), submission.input(), catalogues, recording);
            if (decision.event() == null) {
                outcomes.add(decision.outcome());
                continue;
            }
            long sequence = state.nextSequence();
            record(decision.event());
            outcomes.add(PostingOutcome.recorded(submission.input().postingId(), lastEventId, sequence));
        }
        return outcomes;
    }

    @CommandHandler
    public boolean handle(Commands.RecordNarrative command) {
        if (state.closed()) {
            return false;
        }
        LedgerId id = LedgerId.parse(ledgerId);
        record(new NarrativeRecorded(id.unitCode(), id.fiscalYear(), command.sections(), command.recording()));
        return true;
    }

    /**
     * A publication names positions the history had reached: this ledger's own position cannot be beyond its events
     * (the other members' are checked by the projection that read them).
     */
    @CommandHandler
    public Commands.Published handle(Commands.RecordPublication command) {
        LedgerId id = LedgerId.parse(ledgerId);
        Long own = command.positions().get(ledgerId);
        if (own == null || own < 0 || own > state.nextSequence()) {
            throw new IllegalArgumentException(
                    "positions." + ledgerId + " must be 0.." + state.nextSequence() + ": " + own);
        }
        long sequence = state.nextSequence();
        record(new PublicationRecorded(
                id.unitCode(),
                id.fiscalYear(),
                command.publicationId(),
                command.positions(),
                command.digest(),
                command.cellCount(),
                command.note(),
                command.recording()));
        return new Commands.Published(
                command.publicationId(), sequence, command.recording().recordedAt());
    }

    /** A year holds postings or imported figures, never both; importing the same figures again changes nothing. */
    @CommandHandler
    public Commands.ImportOutcome handle(Commands.ImportFigures command) {
        if (state.closed()) {
            return Commands.ImportOutcome.YEAR_CLOSED;
        }
        if (state.postingCount() > 0) {
            return Commands.ImportOutcome.HOLDS_POSTINGS;
        }
        // a file of some tables (one table's CSV) replaces those tables' figures and keeps the others'
        java.util.TreeMap<String, Long> cells = new java.util.TreeMap<>(state.importedCells());
        cells.keySet().removeIf(key -> command.source().tables().contains(key.substring(0, key.indexOf('/'))));
        cells.putAll(command.cells());
        if (state.imported() != null && cells.equals(state.importedCells())) {
            return Commands.ImportOutcome.UNCHANGED;
        }
        LedgerId id = LedgerId.parse(ledgerId);
        record(new FiguresImported(id.unitCode(), id.fiscalYear(), cells, command.source(), command.recording()));
        return Commands.ImportOutcome.IMPORTED;
    }

    @CommandHandler
    public Commands.Closed handle(Commands.CloseYear command) {
        if (closing != null) {
            return new Commands.Closed(closing, closingDigest);
        }
        LedgerId id = LedgerId.parse(ledgerId);
        List<YearClosed.ClosingBalance> balances = new ArrayList<>();
        int n = 0;
        for (YearClosed.ClosingBalance b : state.closingBalances()) {
            // a balance without a 项 (published as a total only) cannot be an opening posting: it is listed, not carried
            String openingId = b.amount().isPositive() && b.functionalCode() != null
                    ? String.format("CLOSE-%s-%d-%04d", id.unitCode(), id.fiscalYear(), ++n)
                    : null;
            balances.add(new YearClosed.ClosingBalance(
                    b.fundSource(), b.functionalCode(), b.expenditureKind(), b.amount(), openingId));
        }
        record(new YearClosed(id.unitCode(), id.fiscalYear(), balances, command.recording()));
        return new Commands.Closed(closing, closingDigest);
    }

    /** Whether the ledger holds this posting (resolves an idempotency claim left by a crash). */
    public boolean holds(String sourceSystem, String postingId) {
        return state.posting(sourceSystem, postingId).isPresent();
    }

    /** What the ledger holds now: for operators and tests. */
    public Commands.LedgerSummary summary() {
        return new Commands.LedgerSummary(
                ledgerId,
                state.nextSequence(),
                state.postingCount(),
                state.closed(),
                state.availableByFundSource(),
                state.chainHead(),
                state.imported());
    }

    /** The hash of the last event: what the store must hold at this ledger's version for a cached copy to be right. */
    public String chainHead() {
        return state.chainHead();
    }

    /** Appends an event with its link of the hash chain. */
    private void record(LedgerEvent event) {
        String previous = state.chainHead();
        String hash = EventChain.link(previous, state.nextSequence(), event);
        apply(event, MetaData.with(EventChain.HASH, hash).and(EventChain.PREVIOUS, previous));
    }

    @EventSourcingHandler
    void on(LedgerEvent event, @MessageIdentifier String eventId, @MetaDataValue(EventChain.HASH) String hash) {
        if (event instanceof UnitProfiled profiled) {
            ledgerId = new LedgerId(profiled.unitCode(), profiled.fiscalYear()).toString();
        }
        // an event stored without its link (none should be) gets the one it would have had
        state.evolve(event, hash != null ? hash : EventChain.link(state.chainHead(), state.nextSequence(), event));
        if (event instanceof YearClosed closed) {
            closing = closed;
            closingDigest = state.chainHead();
        }
        lastEventId = eventId;
    }
}
