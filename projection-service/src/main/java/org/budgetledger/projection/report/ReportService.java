package org.budgetledger.projection.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportBuilder;
import org.budgetledger.projection.report.domain.ReportInput;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.springframework.stereotype.Service;

/**
 * The disclosure of a unit's year: the department's figures (and the previous year's, when that ledger exists), its
 * units, the root's profile and narrative, the names of the year's catalogues, laid out by the year's template.
 */
@Service
public class ReportService {

    private final FinalAccounts accounts;
    private final Stores stores;

    public ReportService(FinalAccounts accounts, Stores stores) {
        this.accounts = accounts;
        this.stores = stores;
    }

    /**
     * Everything a disclosure is made from, as positions: equal stamps, equal disclosures (RenderingCache). The
     * previous year's figures and the year's catalogue names are part of it.
     */
    public record Stamp(
            FinalAccounts.Positions current,
            FinalAccounts.Positions previous,
            Catalogue functional,
            Catalogue economic) {}

    /**
     * The catalogues are the very names a rendering takes (the instance's copy, which may lag the store by a moment):
     * a stamp taken before rendering is never newer than what the rendering shows.
     */
    public Optional<Stamp> stamp(String unitCode, int fiscalYear) {
        ProjectionStore store = stores.active();
        return accounts.positions(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT)
                .map(current -> new Stamp(
                        current,
                        accounts.positions(unitCode, fiscalYear - 1, FinalAccounts.Scope.DEPARTMENT)
                                .orElse(null),
                        catalogue(store, fiscalYear, CatalogueKind.FUNCTIONAL),
                        catalogue(store, fiscalYear, CatalogueKind.ECONOMIC)));
    }

    private static Catalogue catalogue(ProjectionStore store, int fiscalYear, CatalogueKind kind) {
        return store.catalogues().of(fiscalYear, kind).orElseGet(() -> Catalogue.empty(fiscalYear, kind));
    }

    /** The day of an import as a reader writes it (UTC, as every instant of the system). */
    private static final java.time.format.DateTimeFormatter IMPORT_DAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(java.time.ZoneOffset.UTC);

    /** "本年度决算数据非本系统记账生成。…导入自已公开的决算文件《…》（2026年12月6日导入，SHA-256 …）" where figures were imported. */
    static Optional<String> imported(FinalAccounts.View view) {
        List<String> files = view.parts().stream()
                .filter(p -> p.imported() != null)
                .map(p -> p.unit().name() + "：导入自已公开的决算文件《"
                        + p.imported().source().fileName() + "》（"
                        + IMPORT_DAY.format(p.imported().recordedAt()) + "导入，SHA-256 "
                        + p.imported().source().sha256() + "）")
                .toList();
        return files.isEmpty() ? Optional.empty() : Optional.of("本年度决算数据非本系统记账生成。" + String.join("；", files) + "。");
    }

    public Optional<Report> report(String unitCode, int fiscalYear, Instant asOf) {
        return accounts.figures(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT, asOf)
                .flatMap(view -> report(unitCode, fiscalYear, view));
    }

    /** The report of these figures (now, as of an instant, or as a publication showed them). */
    public Optional<Report> report(String unitCode, int fiscalYear, FinalAccounts.View figures) {
        ProjectionStore store = stores.active();
        return Optional.of(figures).flatMap(view -> {
            FinalAccounts.Part root = view.parts().get(0);
            if (root.record().profile() == null || !root.unit().unitCode().equals(unitCode)) {
                return Optional.empty();
            }
            List<ReportInput.Unit> units = view.parts().stream()
                    .map(p -> new ReportInput.Unit(
                            p.unit().unitCode(),
                            p.unit().name(),
                            p.unit().kind(),
                            p.unit().parentUnitCode()))
                    .toList();
            Optional<Cells> previous = accounts.figures(unitCode, fiscalYear - 1, FinalAccounts.Scope.DEPARTMENT, null)
                    .filter(FinalAccounts.View::hasFigures)
                    .map(v -> Cells.copyOf(v.figures().fen()));
            Catalogue functional = catalogue(store, fiscalYear, CatalogueKind.FUNCTIONAL);
            Catalogue economic = catalogue(store, fiscalYear, CatalogueKind.ECONOMIC);
            Report report = ReportBuilder.build(ReportInput.withCatalogues(
                    fiscalYear,
                    unitCode,
                    root.record().profile(),
                    units,
                    Cells.copyOf(view.figures().fen()),
                    previous,
                    root.record().narrative(),
                    functional,
                    economic));
            return Optional.of(imported(view).map(report::withSource).orElse(report));
        });
    }
}
