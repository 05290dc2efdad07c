package org.budgetledger.projection.checks;

import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.projection.checks.domain.BalanceKey;
import org.budgetledger.projection.checks.domain.CheckInput;
import org.budgetledger.projection.checks.domain.CheckReport;
import org.budgetledger.projection.checks.domain.Checks;
import org.budgetledger.projection.checks.domain.PostingCounts;
import org.budgetledger.projection.checks.domain.PublishedClosing;
import org.budgetledger.projection.checks.domain.UnitFigures;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.projection.journal.Journal;
import org.budgetledger.projection.journal.JournalTotals;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the 审核公式 on a unit's year as an auditor would: the published figures, each unit's own figures, and a
 * recomputation from the journal (the audit lines) to check the figures against, plus last year's closing balances.
 */
@Service
public class ChecksService {

    private final FinalAccounts accounts;
    private final Stores stores;

    public ChecksService(FinalAccounts accounts, Stores stores) {
        this.accounts = accounts;
        this.stores = stores;
    }

    public Optional<CheckReport> check(String unitCode, int fiscalYear) {
        ProjectionStore store = stores.active();
        Journal journal = store.journal();
        return accounts.figures(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT, null).map(view -> {
            List<UnitFigures> units = new ArrayList<>();
            JournalTotals totals = new JournalTotals();
            JournalTotals previous = new JournalTotals();
            boolean previousKnown = false;
            Map<String, Long> auditSums = new TreeMap<>();
            Map<BalanceKey, Long> importedClosing = new HashMap<>();
            for (FinalAccounts.Part part : view.parts()) {
                units.add(new UnitFigures(part.unit().unitCode(), part.unit().kind(), cellsOf(part.figures())));
                JournalTotals own = new JournalTotals();
                journal.read(part.record().ledger(), part.record().applied(), e -> {
                    own.add(e);
                    totals.add(e);
                });
                own.cells().forEach((k, v) -> auditSums.merge(k, v, Long::sum));
                if (part.record().imported() != null) {
                    // published figures imported from a document: the file is their only source, the journal is empty
                    cellsOf(part.figures()).forEach((k, v) -> auditSums.merge(k, v, Long::sum));
                }
                if (FinalAccounts.administrative(part.unit().kind())) {
                    auditSums.merge(CellKeys.OPERATING_COSTS_KEY, own.cells().getOrDefault(CellKeys.PUBLIC_TOTAL_KEY, 0L), Long::sum);
                }
                String before = new org.budgetledger.contract.LedgerId(part.unit().unitCode(), fiscalYear - 1).toString();
                var last = store.records().find(before);
                if (last.isPresent()) {
                    previousKnown = true;
                    if (last.get().imported() != null) {
                        PublishedClosing.of(last.get().cells()).forEach((k, v) -> importedClosing.merge(k, v, Long::sum));
                    } else {
                        journal.read(before, last.get().applied(), previous::add);
                    }
                }
            }
            Map<BalanceKey, Long> opening = balances(totals.opening());
            CheckInput.Builder input = CheckInput.builder(unitCode, fiscalYear, cellsOf(view.figures()))
                    .units(units)
                    .auditSums(auditSums)
                    .openingBalances(importedClosing.isEmpty() ? opening : PublishedClosing.atTheirGrain(opening, importedClosing))
                    .postingCounts(new PostingCounts(totals.fiscalExpenditureOtherKind(), totals.smallMicroWithoutSme(), totals.stateCapital()))
                    .catalogues(store.catalogues().of(fiscalYear, CatalogueKind.FUNCTIONAL).orElse(null),
                            store.catalogues().of(fiscalYear, CatalogueKind.ECONOMIC).orElse(null));
            if (previousKnown) {
                Map<BalanceKey, Long> closing = balances(previous.closing());
                importedClosing.forEach((k, v) -> closing.merge(k, v, Long::sum));
                input.previousClosing(closing);
            }
            return Checks.report(input.build());
        });
    }

    private static Map<String, Long> cellsOf(Figures figures) {
        Map<String, Long> cells = new HashMap<>();
        figures.fen().forEach((k, v) -> {
            if (!k.startsWith(Figures.FACTS)) {
                cells.put(k, v);
            }
        });
        return cells;
    }

    private static Map<BalanceKey, Long> balances(Map<JournalTotals.Balance, Long> balances) {
        Map<BalanceKey, Long> keyed = new HashMap<>();
        balances.forEach((b, fen) -> keyed.put(new BalanceKey(b.fundSource(), b.functionalCode()), fen));
        return keyed;
    }
}
