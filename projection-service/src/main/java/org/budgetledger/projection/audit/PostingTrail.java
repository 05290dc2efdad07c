package org.budgetledger.projection.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.journal.JournalEntry;
import org.budgetledger.projection.journal.PostingIndex;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.store.UnitDirectory;
import org.springframework.stereotype.Service;

/**
 * The trail from a posting to everything it touched: the event that recorded it, whether and by what it was
 * reversed, and every cell it contributes to, in its own unit and in every department above it.
 */
@Service
public class PostingTrail {

    private final Stores stores;
    private final org.budgetledger.kit.scope.UnitScopes scopes;

    public PostingTrail(Stores stores, org.budgetledger.kit.scope.UnitScopes scopes) {
        this.stores = stores;
        this.scopes = scopes;
    }

    public record Trail(
            String ledger,
            JournalEntry entry,
            PostingIndex.Reversal reversedBy,
            Map<String, Money> cells,
            List<String> consolidatedInto) {}

    /**
     * The posting's trail, as the current caller may see it: a posting of a unit outside its scope is not found (not
     * even its existence shows), and only the consolidating units in its scope are named.
     */
    public Optional<Trail> find(String sourceSystem, String postingId) {
        ProjectionStore store = stores.active();
        return store.postings()
                .find(sourceSystem, postingId)
                .filter(location -> {
                    LedgerId ledger = LedgerId.parse(location.ledger());
                    return scopes.coversCurrent(ledger.unitCode(), ledger.fiscalYear());
                })
                .flatMap(location -> store.journal()
                        .entry(location.ledger(), location.sequence())
                        .map(entry -> {
                            LedgerId ledger = LedgerId.parse(location.ledger());
                            Optional<UnitDirectory.Unit> unit =
                                    store.units().unit(ledger.unitCode(), ledger.fiscalYear());
                            Map<String, Money> cells = new TreeMap<>();
                            entry.contributions().forEach((key, fen) -> cells.put(key, Money.ofFen(fen)));
                            if (unit.isPresent()
                                    && unit.get().kind().reportsOperatingCosts()
                                    && cells.containsKey(CellKeys.PUBLIC_TOTAL_KEY)) {
                                cells.put(CellKeys.OPERATING_COSTS_KEY, cells.get(CellKeys.PUBLIC_TOTAL_KEY));
                            }
                            List<String> into = ancestors(store, ledger).stream()
                                    .filter(u -> scopes.coversCurrent(u, ledger.fiscalYear()))
                                    .toList();
                            return new Trail(location.ledger(), entry, location.reversedBy(), cells, into);
                        }));
    }

    /** The unit and every unit above it: each consolidates the posting into its department's figures. */
    private static List<String> ancestors(ProjectionStore store, LedgerId ledger) {
        List<String> chain = new ArrayList<>();
        String current = ledger.unitCode();
        for (int depth = 0; current != null && depth < 64; depth++) {
            chain.add(current);
            current = store.units()
                    .unit(current, ledger.fiscalYear())
                    .map(UnitDirectory.Unit::parentUnitCode)
                    .orElse(null);
        }
        return chain;
    }
}
