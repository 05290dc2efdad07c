package org.budgetledger.projection.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.projection.checks.domain.BalanceKey;
import org.budgetledger.projection.checks.domain.CheckInput;
import org.budgetledger.projection.checks.domain.CheckReport;
import org.budgetledger.projection.checks.domain.CheckResult;
import org.budgetledger.projection.checks.domain.Checks;
import org.budgetledger.projection.checks.domain.PostingCounts;
import org.budgetledger.projection.checks.domain.PublishedClosing;
import org.budgetledger.projection.checks.domain.Status;
import org.budgetledger.projection.checks.domain.Term;
import org.budgetledger.projection.checks.domain.UnitFigures;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.projection.journal.Journal;
import org.budgetledger.projection.journal.JournalTotals;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.springframework.stereotype.Service;

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
        return check(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT, null);
    }

    /**
     * The checks of the unit's figures (consolidated, or the unit alone), now or as they stood at {@code asOf}: the
     * journals (and last year's) read as far as they were recorded by then.
     */
    public Optional<CheckReport> check(String unitCode, int fiscalYear, FinalAccounts.Scope scope, Instant asOf) {
        ProjectionStore store = stores.active();
        return accounts.figures(unitCode, fiscalYear, scope, asOf).map(view -> {
            Gathered g = gather(store, view, fiscalYear, asOf);
            CheckReport report = Checks.report(input(store, unitCode, fiscalYear, view, g));
            Set<String> held = heldByImports(view);
            return held == null
                    ? report
                    : new CheckReport(
                            report.results().stream().map(r -> beyond(r, held)).toList());
        });
    }

    /** What the checks read beyond the figures, in one pass over the members' journals (and last year's). */
    private static final class Gathered {
        final List<UnitFigures> units = new ArrayList<>();
        final JournalTotals totals = new JournalTotals();
        final JournalTotals previous = new JournalTotals();
        final Map<String, Long> auditSums = new TreeMap<>();
        final Map<BalanceKey, Long> importedClosing = new HashMap<>();
        boolean previousKnown;
    }

    private static Gathered gather(ProjectionStore store, FinalAccounts.View view, int fiscalYear, Instant asOf) {
        Journal journal = store.journal();
        Gathered g = new Gathered();
        for (FinalAccounts.Part part : view.parts()) {
            Cells self = cellsOf(part.figures());
            g.units.add(new UnitFigures(part.unit().unitCode(), part.unit().kind(), self));
            JournalTotals own = new JournalTotals();
            journal.read(part.record().ledger(), 0, part.record().applied(), asOf, e -> {
                own.add(e);
                g.totals.add(e);
            });
            own.cells().forEach((k, v) -> g.auditSums.merge(k, v, Long::sum));
            if (part.record().imported() != null) {
                // published figures imported from a document: the file is their only source, the journal is
                // empty
                self.asMap().forEach((k, v) -> g.auditSums.merge(k, v, Long::sum));
            }
            if (part.unit().kind().reportsOperatingCosts()) {
                g.auditSums.merge(
                        CellKeys.OPERATING_COSTS_KEY,
                        own.cells().getOrDefault(CellKeys.PUBLIC_TOTAL_KEY, 0L),
                        Long::sum);
            }
            String before = new org.budgetledger.contract.LedgerId(part.unit().unitCode(), fiscalYear - 1).toString();
            var last = store.records().find(before);
            if (last.isPresent()) {
                g.previousKnown = true;
                if (last.get().imported() != null) {
                    PublishedClosing.of(last.get().cells()).forEach((k, v) -> g.importedClosing.merge(k, v, Long::sum));
                } else {
                    journal.read(before, 0, last.get().applied(), asOf, g.previous::add);
                }
            }
        }
        return g;
    }

    private static CheckInput input(
            ProjectionStore store, String unitCode, int fiscalYear, FinalAccounts.View view, Gathered g) {
        Map<BalanceKey, Long> opening = balances(g.totals.opening());
        CheckInput.Builder input = CheckInput.builder(unitCode, fiscalYear, cellsOf(view.figures()))
                .units(g.units)
                .auditSums(g.auditSums)
                .openingBalances(
                        g.importedClosing.isEmpty()
                                ? opening
                                : PublishedClosing.atTheirGrain(opening, g.importedClosing))
                .postingCounts(new PostingCounts(
                        g.totals.fiscalExpenditureOtherKind(),
                        g.totals.smallMicroWithoutSme(),
                        g.totals.stateCapital()))
                .catalogues(
                        store.catalogues()
                                .of(fiscalYear, CatalogueKind.FUNCTIONAL)
                                .orElse(null),
                        store.catalogues()
                                .of(fiscalYear, CatalogueKind.ECONOMIC)
                                .orElse(null));
        if (g.previousKnown) {
            Map<BalanceKey, Long> closing = balances(g.previous.closing());
            g.importedClosing.forEach((k, v) -> closing.merge(k, v, Long::sum));
            input.previousClosing(closing);
        }
        return input.build();
    }

    /**
     * What the imported documents of the department hold (their tables, and 机关运行经费 derived from 06), or null when
     * no member's figures were imported.
     */
    private static Set<String> heldByImports(FinalAccounts.View view) {
        if (view.parts().stream().noneMatch(p -> p.record().imported() != null)) {
            return null;
        }
        Set<String> held = new HashSet<>(Set.of("ops"));
        view.parts().stream()
                .filter(p -> p.record().imported() != null)
                .forEach(p -> held.addAll(p.record().imported().source().tables()));
        return held;
    }

    /**
     * A result that fails only on figures the imported document does not hold (一般性支出 and 政府采购 print in the text,
     * not in the tables) is skipped, saying so: it was not held against the document when it was imported either.
     */
    private static CheckResult beyond(CheckResult r, Set<String> held) {
        if (r.status() != Status.FAIL && r.status() != Status.WARN) {
            return r;
        }
        List<String> missing = r.failing().stream()
                .flatMap(c -> java.util.stream.Stream.concat(c.left().stream(), c.right().stream()))
                .map(Term::key)
                .filter(k -> k != null && k.indexOf('/') > 0 && !held.contains(k.substring(0, k.indexOf('/'))))
                .distinct()
                .toList();
        if (missing.isEmpty()) {
            return r;
        }
        return new CheckResult(
                r.id(),
                r.subject(),
                r.description(),
                r.nameZh(),
                r.severity(),
                r.tolerance(),
                Status.SKIPPED,
                List.of(),
                "the imported document does not hold " + missing,
                "导入的已公开文件不含 " + missing);
    }

    /** The cells of these figures without their facts, in a map of their own that nobody changes afterwards. */
    private static Cells cellsOf(Figures figures) {
        return new Cells(figures.fen().entrySet().stream()
                .filter(e -> !e.getKey().startsWith(Figures.FACTS))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static Map<BalanceKey, Long> balances(Map<JournalTotals.Balance, Long> balances) {
        Map<BalanceKey, Long> keyed = new HashMap<>();
        balances.forEach((b, fen) -> keyed.put(new BalanceKey(b.fundSource(), b.functionalCode()), fen));
        return keyed;
    }
}
