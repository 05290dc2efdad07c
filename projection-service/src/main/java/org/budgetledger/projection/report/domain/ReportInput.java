package org.budgetledger.projection.report.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/**
 * Everything {@link ReportBuilder} needs for one department and fiscal year Y.
 *
 * @param fiscalYear         Y
 * @param unitCode           the root unit (the department)
 * @param profile            the root's profile of year Y (name, kind, staffing, duties)
 * @param units              the department's units, root first, then its descendants (决算单位构成)
 * @param figures            exact consolidated figures of year Y by key, fen (counts for count facts): the cells of
 *                           docs/CELLS.md incl. {@code ops/operating_costs/amount} and the {@link Facts} keys
 *                           ({@link Cells}: absent = 0); figures nobody changes afterwards ({@link Cells#copyOf})
 * @param previousFigures    the same for Y−1 when the department's ledger for Y−1 exists
 * @param narrative          free text by section key (docs/NARRATIVE.md: duties, reasons.*, purposes.*, performance,
 *                           performance.report, other, contact; see {@link Narrative} for the few extra keys)
 * @param functionalNames    支出功能分类 names of year Y by code (类, 款, 项)
 * @param economicNames      部门预算支出经济分类 names of year Y by code (类, 款)
 */
public record ReportInput(
        int fiscalYear,
        String unitCode,
        UnitProfile profile,
        List<Unit> units,
        Cells figures,
        Optional<Cells> previousFigures,
        Map<String, String> narrative,
        Function<String, Optional<String>> functionalNames,
        Function<String, Optional<String>> economicNames) {

    /** A unit of the department: code, name, kind and parent (null for the root). */
    public record Unit(String code, String name, UnitKind kind, String parentCode) {
        public Unit {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
        }
    }

    public ReportInput {
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(profile, "profile");
        units = List.copyOf(units);
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(previousFigures, "previousFigures");
        narrative = Map.copyOf(narrative);
        Objects.requireNonNull(functionalNames, "functionalNames");
        Objects.requireNonNull(economicNames, "economicNames");
        if (units.isEmpty() || !units.get(0).code().equals(unitCode)) {
            throw new IllegalArgumentException("units must start with the root unit " + unitCode);
        }
    }

    /** Names from the year's catalogues. */
    public static ReportInput withCatalogues(
            int fiscalYear,
            String unitCode,
            UnitProfile profile,
            List<Unit> units,
            Cells figures,
            Optional<Cells> previousFigures,
            Map<String, String> narrative,
            Catalogue functional,
            Catalogue economic) {
        return new ReportInput(
                fiscalYear,
                unitCode,
                profile,
                units,
                figures,
                previousFigures,
                narrative,
                functional::nameOf,
                economic::nameOf);
    }
}
