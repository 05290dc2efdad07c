package org.budgetledger.projection.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.budgetledger.contract.Money;
import org.budgetledger.kit.scope.UnitScopes;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.projection.signals.SignalsService;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.store.UnitDirectory;
import org.springframework.stereotype.Service;

/** What a dashboard asks across units, answered from the projections (no event is read). */
@Service
public class Dashboards {

    static final Map<String, Function<Headline, String>> SORTABLE = Map.of(
            "income",
            Headline::income,
            "expenditure",
            Headline::expenditure,
            "basic",
            Headline::basic,
            "project",
            Headline::project,
            "operatingCosts",
            Headline::operatingCosts,
            "sangong",
            h -> h.sangong().get("total").get("actual"),
            "closingBalance",
            Headline::closingBalance);

    private final Stores stores;
    private final FinalAccounts accounts;
    private final SignalsService signals;
    private final UnitScopes scopes;

    public Dashboards(Stores stores, FinalAccounts accounts, SignalsService signals, UnitScopes scopes) {
        this.stores = stores;
        this.accounts = accounts;
        this.signals = signals;
        this.scopes = scopes;
    }

    /** The ledgers held, of the units in the caller's scope. */
    public List<UnitDirectory.Unit> ledgers() {
        return stores.active().units().all().values().stream()
                .filter(u -> scopes.coversCurrent(u.unitCode(), u.fiscalYear()))
                .toList();
    }

    /** Every unit of the year in the caller's scope (under a parent, in a region), its headline figures, sorted. */
    public List<Headline> headlines(
            int fiscalYear, String region, String parent, FinalAccounts.Scope scope, String sort, boolean descending) {
        return headlines(fiscalYear, region, parent, scope, sort, descending, null);
    }

    /** The same, as the figures stood at {@code asOf} (null: now). */
    public List<Headline> headlines(
            int fiscalYear,
            String region,
            String parent,
            FinalAccounts.Scope scope,
            String sort,
            boolean descending,
            Instant asOf) {
        UnitDirectory units = stores.active().units();
        List<UnitDirectory.Unit> selected = new ArrayList<>();
        List<UnitDirectory.Unit> pool =
                parent == null ? List.copyOf(units.all().values()) : units.department(parent, fiscalYear);
        for (UnitDirectory.Unit u : pool) {
            if (u.fiscalYear() == fiscalYear
                    && (region == null || (u.region() != null && u.region().startsWith(region)))
                    && scopes.coversCurrent(u.unitCode(), fiscalYear)) {
                selected.add(u);
            }
        }
        List<Headline> headlines = new ArrayList<>();
        for (UnitDirectory.Unit u : selected) {
            headline(u, scope, asOf).ifPresent(headlines::add);
        }
        Function<Headline, String> key = SORTABLE.getOrDefault(sort, Headline::expenditure);
        Comparator<Headline> order = Comparator.comparing(h -> new BigDecimal(key.apply(h)));
        headlines.sort(
                descending
                        ? order.reversed().thenComparing(Headline::unitCode)
                        : order.thenComparing(Headline::unitCode));
        return headlines;
    }

    public Optional<Headline> headline(String unitCode, int fiscalYear, FinalAccounts.Scope scope) {
        return headline(unitCode, fiscalYear, scope, null);
    }

    /** The same, as the figures stood at {@code asOf} (null: now). */
    public Optional<Headline> headline(String unitCode, int fiscalYear, FinalAccounts.Scope scope, Instant asOf) {
        return stores.active().units().unit(unitCode, fiscalYear).flatMap(u -> headline(u, scope, asOf));
    }

    private Optional<Headline> headline(UnitDirectory.Unit u, FinalAccounts.Scope scope, Instant asOf) {
        return accounts.figures(u.unitCode(), u.fiscalYear(), scope, asOf).map(view -> {
            Figures f = view.figures();
            Map<String, Map<String, String>> sangong = new LinkedHashMap<>();
            for (String item : CellKeys.ITEMS_07) {
                Map<String, String> pair = new LinkedHashMap<>();
                pair.put("budget", wan(f, CellKeys.key(CellKeys.T07, CellKeys.BUDGET, item)));
                pair.put("actual", wan(f, CellKeys.key(CellKeys.T07, CellKeys.ACTUAL, item)));
                sangong.put(item, pair);
            }
            Headline.Change change = accounts.figures(u.unitCode(), u.fiscalYear() - 1, scope, asOf)
                    .filter(FinalAccounts.View::hasFigures)
                    .map(previous -> change(
                            previous.figures().fen(CellKeys.EXPENDITURE_TOTAL_01),
                            f.fen(CellKeys.EXPENDITURE_TOTAL_01)))
                    .orElse(null);
            return new Headline(
                    u.unitCode(),
                    u.fiscalYear(),
                    u.name(),
                    u.kind().name(),
                    u.parentUnitCode(),
                    u.region(),
                    wan(f, CellKeys.INCOME_TOTAL_01),
                    wan(f, CellKeys.EXPENDITURE_TOTAL_01),
                    wan(f, CellKeys.total(CellKeys.T03, "basic")),
                    wan(f, CellKeys.total(CellKeys.T03, "project")),
                    wan(f, CellKeys.OPERATING_COSTS_KEY),
                    wan(f, CellKeys.CLOSING_BALANCE_01),
                    sangong,
                    change,
                    view.position(),
                    // counted once per change of the ledgers they read (SignalsService keeps them), not per reader
                    signals.count(view));
        });
    }

    /** Spending and income per month (occurredOn), 01 to 12. */
    public Optional<List<Map<String, String>>> monthly(String unitCode, int fiscalYear, FinalAccounts.Scope scope) {
        return monthly(unitCode, fiscalYear, scope, null);
    }

    /** The same, as the figures stood at {@code asOf} (null: now). */
    public Optional<List<Map<String, String>>> monthly(
            String unitCode, int fiscalYear, FinalAccounts.Scope scope, Instant asOf) {
        return accounts.figures(unitCode, fiscalYear, scope, asOf).map(view -> {
            List<Map<String, String>> months = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                Map<String, String> month = new LinkedHashMap<>();
                month.put("month", fiscalYear + "-" + String.format("%02d", m));
                for (String figure : CellKeys.MONTH_FIGURES) {
                    month.put(figure, wan(view.figures(), CellKeys.monthFact(m, figure)));
                }
                months.add(month);
            }
            return months;
        });
    }

    static Headline.Change change(long previousFen, long currentFen) {
        long delta = currentFen - previousFen;
        String growth = previousFen == 0
                ? null
                : BigDecimal.valueOf(delta)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(previousFen), 2, RoundingMode.HALF_UP)
                        .toPlainString();
        return new Headline.Change(
                Money.ofFen(previousFen).toWanYuan(), Money.ofFen(delta).toWanYuan(), growth);
    }

    private static String wan(Figures f, String key) {
        return Money.ofFen(f.fen(key)).toWanYuan();
    }
}
