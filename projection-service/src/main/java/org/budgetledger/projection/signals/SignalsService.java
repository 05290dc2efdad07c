package org.budgetledger.projection.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.journal.JournalEntry;
import org.budgetledger.projection.publication.PublicationService;
import org.budgetledger.projection.signals.domain.Entry;
import org.budgetledger.projection.signals.domain.PublishedChanges;
import org.budgetledger.projection.signals.domain.Signal;
import org.budgetledger.projection.signals.domain.SignalDetector;
import org.budgetledger.projection.signals.domain.SignalDetectors;
import org.budgetledger.projection.signals.domain.SignalInput;
import org.budgetledger.projection.signals.domain.SignalThresholds;
import org.budgetledger.projection.signals.domain.Signals;
import org.budgetledger.projection.signals.domain.UnitLedger;
import org.budgetledger.projection.store.LedgerRecord;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Publications.Publication;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.web.NotFound;
import org.springframework.stereotype.Service;

/**
 * The signals of a unit's year (docs/SIGNALS.md): gathers what the detectors read — the figures of the scope, each
 * member's journal, close and own figures, and the members' earlier years — and runs every detector of
 * {@link SignalDetectors#standard()} over it. Figures now (no asOf). Kept per unit, year and scope until a ledger they
 * read moves ({@link SignalsCache}).
 */
@Service
public class SignalsService {

    private final FinalAccounts accounts;
    private final Stores stores;
    private final SignalThresholds thresholds;
    private final List<SignalDetector> detectors = SignalDetectors.standard();
    private final SignalsCache cache = new SignalsCache();
    private final PublicationService publications;

    public SignalsService(
            FinalAccounts accounts, Stores stores, SignalThresholds thresholds, PublicationService publications) {
        this.accounts = accounts;
        this.stores = stores;
        this.thresholds = thresholds;
        this.publications = publications;
    }

    public SignalThresholds thresholds() {
        return thresholds;
    }

    /** The signals of the unit (and its descendants, or alone), empty when the projection holds no such year. */
    public Optional<List<Signal>> signals(String unitCode, int fiscalYear, FinalAccounts.Scope scope) {
        int generation = stores.activeGeneration();
        return accounts.figures(unitCode, fiscalYear, scope, null).map(view -> signals(generation, view));
    }

    /** How many signals the figures a caller holds already have (a dashboard's row). */
    public int count(FinalAccounts.View view) {
        return signals(stores.activeGeneration(), view).size();
    }

    private List<Signal> signals(int generation, FinalAccounts.View view) {
        ProjectionStore store = stores.of(generation);
        SignalsCache.Key key = new SignalsCache.Key(generation, view.unitCode(), view.fiscalYear(), view.scope());
        SignalsCache.Stamp stamp = new SignalsCache.Stamp(
                view.positions(), view.epochs(), store.records().positions(earlierLedgers(view)));
        List<Signal> cached = cache.get(key, stamp);
        if (cached != null) {
            return cached;
        }
        List<Signal> computed = Signals.detect(input(store, view), detectors);
        cache.put(key, stamp, computed);
        return computed;
    }

    private SignalInput input(ProjectionStore store, FinalAccounts.View view) {
        List<UnitLedger> units = new ArrayList<>();
        for (FinalAccounts.Part part : view.parts()) {
            LedgerRecord record = part.record();
            String unitCode = part.unit().unitCode();
            List<Entry> entries = new ArrayList<>();
            if (record.imported() == null) {
                store.journal().read(record.ledger(), record.applied(), e -> entries.add(entry(unitCode, e)));
            }
            units.add(new UnitLedger(
                    unitCode,
                    view.fiscalYear(),
                    record.closing() == null
                            ? null
                            : new UnitLedger.Closing(
                                    record.closing().at(), record.closing().sequence()),
                    record.imported() != null,
                    entries,
                    Cells.copyOf(record.cells()),
                    pastYears(store, unitCode, view.fiscalYear())));
        }
        return new SignalInput(
                view.unitCode(),
                view.fiscalYear(),
                view.scope() == FinalAccounts.Scope.SELF ? SignalInput.SELF : SignalInput.DEPARTMENT,
                Cells.copyOf(view.figures().fen()),
                units,
                thresholds,
                view.scope() == FinalAccounts.Scope.DEPARTMENT ? latestPublication(view) : null);
    }

    /**
     * The latest publication of the unit's disclosure and what changed since; null without one, or while this
     * projection does not yet hold the events it names (a divergence is not hidden: it is raised).
     */
    private PublishedChanges latestPublication(FinalAccounts.View view) {
        List<Publication> all = publications.list(view.unitCode(), view.fiscalYear());
        if (all.isEmpty()) {
            return null;
        }
        Publication latest = all.get(all.size() - 1);
        List<PublicationService.CellChange> changes;
        try {
            changes = publications.changes(view.unitCode(), view.fiscalYear(), latest);
        } catch (NotFound notYetHeld) {
            return null;
        }
        List<PublishedChanges.Cell> cells = changes.stream()
                .map(c -> new PublishedChanges.Cell(
                        c.change().cellKey(),
                        c.change().published(),
                        c.change().current(),
                        c.postings().stream()
                                .map(l -> entry(l.unit().unitCode(), l.entry()).ref(l.contributionFen()))
                                .toList()))
                .toList();
        return new PublishedChanges(latest.id(), latest.publishedAt(), cells);
    }

    private static Entry entry(String unitCode, JournalEntry e) {
        return new Entry(unitCode, e.sequence(), e.recordedAt(), e.posting(), e.reversed());
    }

    /** The unit's own earlier years that hold postings (an imported year has no months), latest first. */
    private List<UnitLedger.PastYear> pastYears(ProjectionStore store, String unitCode, int fiscalYear) {
        List<UnitLedger.PastYear> past = new ArrayList<>();
        int first = Math.max(LedgerId.MIN_YEAR, fiscalYear - thresholds.historyYears());
        for (int year = fiscalYear - 1; year >= first; year--) {
            int y = year;
            store.records()
                    .find(new LedgerId(unitCode, year).toString())
                    .filter(r -> r.imported() == null && r.postings() > 0)
                    .ifPresent(r -> past.add(new UnitLedger.PastYear(y, Cells.copyOf(r.cells()))));
        }
        return past;
    }

    private List<String> earlierLedgers(FinalAccounts.View view) {
        List<String> ledgers = new ArrayList<>();
        for (String ledger : view.positions().keySet()) {
            LedgerId id = LedgerId.parse(ledger);
            int first = Math.max(LedgerId.MIN_YEAR, id.fiscalYear() - thresholds.historyYears());
            for (int year = id.fiscalYear() - 1; year >= first; year--) {
                ledgers.add(new LedgerId(id.unitCode(), year).toString());
            }
        }
        return ledgers;
    }

    /** The thresholds as the answer shows them. */
    static Map<String, Object> describe(SignalThresholds t) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("lateEntryDays", t.lateEntryDays());
        out.put("decemberSharePercent", t.decemberSharePercent().toPlainString());
        out.put("q4SharePercent", t.q4SharePercent().toPlainString());
        out.put(
                "minimumYearExpenditure",
                org.budgetledger.contract.Money.ofFen(t.minimumYearExpenditureFen())
                        .toString());
        out.put("aboveHistoryPoints", t.aboveHistoryPoints().toPlainString());
        out.put("historyYears", t.historyYears());
        return out;
    }
}
