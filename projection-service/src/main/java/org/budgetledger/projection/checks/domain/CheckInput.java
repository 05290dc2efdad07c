package org.budgetledger.projection.checks.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/**
 * Everything the checks need for one department (unit with its descendants) and fiscal year. Only {@code cells}
 * is required; a rule whose other input is absent reports SKIPPED and says what is missing.
 *
 * @param unitCode             the department's (root) unit code, used to label results
 * @param fiscalYear           the fiscal year (template: 2019 and earlier have no 国有资本经营 rows)
 * @param cells                exact figures in fen by cell key of docs/CELLS.md, consolidated over the department
 *                             ({@link Cells}: absent = 0)
 * @param units                every consolidated unit (本级 and descendants) with its kind and, when known, its
 *                             {@code self} figures; empty = not known (L01 per unit, L04, X15)
 * @param previousClosing      the previous year's closing balances (年末结转和结余) of the same units per fund
 *                             source and 项, in fen; null = not known (L02)
 * @param openingBalances      this year's opening balances (OPENING_BALANCE postings) per fund source and 项;
 *                             null = not given (L02 then compares only what the cells show: totals and 08 per 项)
 * @param auditSums            per cell key, the exact Σ of its audit lines (reversals negative), in fen; null = not
 *                             given (L03)
 * @param postingCounts        counts for L05–L07; null = not given
 * @param functionalCatalogue  the year's 支出功能分类 catalogue as the ledger holds it; null = not given (W19)
 * @param economicCatalogue    the year's 经济分类 catalogue; null = not given (W19)
 * @param printedNames         科目名称 as printed, by code; null = not given (W19 names)
 */
public record CheckInput(
        String unitCode,
        int fiscalYear,
        Cells cells,
        List<UnitFigures> units,
        Map<BalanceKey, Long> previousClosing,
        Map<BalanceKey, Long> openingBalances,
        Map<String, Long> auditSums,
        PostingCounts postingCounts,
        Catalogue functionalCatalogue,
        Catalogue economicCatalogue,
        Map<String, String> printedNames) {

    public CheckInput {
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(cells, "cells");
        units = units == null ? List.of() : List.copyOf(units);
        previousClosing = previousClosing == null ? null : Map.copyOf(previousClosing);
        openingBalances = openingBalances == null ? null : Map.copyOf(openingBalances);
        auditSums = auditSums == null ? null : Map.copyOf(auditSums);
        printedNames = printedNames == null ? null : Map.copyOf(printedNames);
    }

    public static Builder builder(String unitCode, int fiscalYear, Map<String, Long> cells) {
        return new Builder(unitCode, fiscalYear, cells);
    }

    public static Builder builder(String unitCode, int fiscalYear, Cells cells) {
        return new Builder(unitCode, fiscalYear, cells.asMap());
    }

    /** The kinds of the consolidated units; empty when not known. */
    public Set<UnitKind> unitKinds() {
        Set<UnitKind> kinds = EnumSet.noneOf(UnitKind.class);
        units.forEach(u -> kinds.add(u.kind()));
        return kinds;
    }

    /**
     * Whether every consolidated unit is ADMINISTRATIVE or CIVIL_SERVICE_MANAGED (X15: 机关运行经费 then equals
     * 公用经费); empty when the units are not known.
     */
    public Optional<Boolean> allAdministrative() {
        if (units.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(units.stream().allMatch(u -> u.kind().reportsOperatingCosts()));
    }

    public Builder toBuilder() {
        return builder(unitCode, fiscalYear, cells)
                .units(units)
                .previousClosing(previousClosing)
                .openingBalances(openingBalances)
                .auditSums(auditSums)
                .postingCounts(postingCounts)
                .catalogues(functionalCatalogue, economicCatalogue)
                .printedNames(printedNames);
    }

    public static final class Builder {
        private final String unitCode;
        private final int fiscalYear;
        private Map<String, Long> cells;
        private List<UnitFigures> units = List.of();
        private Map<BalanceKey, Long> previousClosing;
        private Map<BalanceKey, Long> openingBalances;
        private Map<String, Long> auditSums;
        private PostingCounts postingCounts;
        private Catalogue functionalCatalogue;
        private Catalogue economicCatalogue;
        private Map<String, String> printedNames;

        private Builder(String unitCode, int fiscalYear, Map<String, Long> cells) {
            this.unitCode = unitCode;
            this.fiscalYear = fiscalYear;
            this.cells = new TreeMap<>(cells);
        }

        /** Replaces one figure (fen); handy for tests and what-if checks. */
        public Builder cell(String key, long fen) {
            cells.put(key, fen);
            return this;
        }

        public Builder units(List<UnitFigures> units) {
            this.units = units;
            return this;
        }

        public Builder previousClosing(Map<BalanceKey, Long> previousClosing) {
            this.previousClosing = previousClosing;
            return this;
        }

        public Builder openingBalances(Map<BalanceKey, Long> openingBalances) {
            this.openingBalances = openingBalances;
            return this;
        }

        public Builder auditSums(Map<String, Long> auditSums) {
            this.auditSums = auditSums;
            return this;
        }

        public Builder postingCounts(PostingCounts postingCounts) {
            this.postingCounts = postingCounts;
            return this;
        }

        public Builder catalogues(Catalogue functional, Catalogue economic) {
            this.functionalCatalogue = functional;
            this.economicCatalogue = economic;
            return this;
        }

        public Builder printedNames(Map<String, String> printedNames) {
            this.printedNames = printedNames;
            return this;
        }

        public CheckInput build() {
            return new CheckInput(
                    unitCode,
                    fiscalYear,
                    Cells.copyOf(cells),
                    units,
                    previousClosing,
                    openingBalances,
                    auditSums,
                    postingCounts,
                    functionalCatalogue,
                    economicCatalogue,
                    printedNames);
        }
    }
}
