package org.budgetledger.projection.published;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.projection.checks.domain.CheckInput;
import org.budgetledger.projection.checks.domain.CheckResult;
import org.budgetledger.projection.checks.domain.Checks;
import org.budgetledger.projection.checks.domain.Comparison;
import org.budgetledger.projection.checks.domain.Status;
import org.budgetledger.projection.checks.domain.Term;
import org.budgetledger.projection.checks.domain.UnitFigures;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.projection.published.domain.PublishedDocument;
import org.budgetledger.projection.published.domain.SheetText;
import org.budgetledger.projection.report.domain.Template;
import org.budgetledger.projection.store.Stores;
import org.springframework.stereotype.Service;

/**
 * Reads the published figures of a year from a file and checks them against the 审核公式 of their own tables (the
 * W rules within a table, the X rules between tables): figures that the published document itself contradicts are
 * not recorded, and the preparer learns which rule and which figures.
 */
@Service
public class PublishedFigures {

    /** The document formats taken. */
    public enum Format {
        XLSX,
        CSV,
        JSON
    }

    private final Stores stores;

    public PublishedFigures(Stores stores) {
        this.stores = stores;
    }

    /** The figures of the file, or the problems that stop it from being read. */
    PublishedDocument.Reading read(
            int fiscalYear, Format format, byte[] body, Map<String, String> json, String fileName)
            throws DocumentFiles.Unreadable {
        Template template = Template.forYear(fiscalYear);
        Function<String, Optional<String>> classes = classCodes(fiscalYear, template);
        return switch (format) {
            case XLSX -> PublishedDocument.workbook(DocumentFiles.workbook(body), template, classes);
            case CSV -> PublishedDocument.table(DocumentFiles.csv(body, fileName), template, classes);
            case JSON -> PublishedDocument.cells(json, template);
        };
    }

    /**
     * The W and X rules that fail on these figures, among those whose figures all belong to what the document holds:
     * one table's CSV is checked within itself, and the figures only the 情况说明 prints (一般性支出, 政府采购) are
     * not in a workbook of tables. 机关运行经费 is derived from 06 as for every year.
     */
    List<CheckResult> failing(String unitCode, int fiscalYear, UnitKind kind, PublishedDocument.Reading reading) {
        return failing(
                unitCode,
                fiscalYear,
                kind,
                reading,
                catalogue(fiscalYear, CatalogueKind.FUNCTIONAL),
                catalogue(fiscalYear, CatalogueKind.ECONOMIC));
    }

    static List<CheckResult> failing(
            String unitCode,
            int fiscalYear,
            UnitKind kind,
            PublishedDocument.Reading reading,
            Catalogue functional,
            Catalogue economic) {
        Cells cells = Cells.copyOf(
                new Figures().apply(reading.cells(), 1).withOperatingCosts(kind).fen());
        CheckInput input = CheckInput.builder(unitCode, fiscalYear, cells)
                .units(List.of(new UnitFigures(unitCode, kind, cells)))
                .catalogues(functional, economic)
                .build();
        Set<String> tables = new java.util.HashSet<>(reading.tables());
        tables.add("ops");
        return Checks.RULES.stream()
                .filter(r -> r.id().startsWith("W") || r.id().startsWith("X"))
                .flatMap(r -> r.evaluate(input).stream())
                .filter(r -> r.status() == Status.FAIL)
                .filter(r -> r.failing().stream().allMatch(c -> within(c, tables)))
                .toList();
    }

    private static boolean within(Comparison comparison, Set<String> tables) {
        return java.util.stream.Stream.concat(comparison.left().stream(), comparison.right().stream())
                .map(Term::key)
                .filter(k -> k != null && !k.isEmpty())
                .allMatch(k -> tables.contains(k.substring(0, Math.max(0, k.indexOf('/')))));
    }

    private Catalogue catalogue(int fiscalYear, CatalogueKind kind) {
        return stores.active().catalogues().of(fiscalYear, kind).orElse(null);
    }

    /** 类 code by the name 01 / 04 print: the year's catalogue, else the template's fixed names. */
    private Function<String, Optional<String>> classCodes(int fiscalYear, Template template) {
        Map<String, String> byName = new HashMap<>();
        template.tables().stream()
                .filter(t -> t instanceof org.budgetledger.projection.report.domain.TableSpec.Summary)
                .flatMap(t -> ((org.budgetledger.projection.report.domain.TableSpec.Summary) t).blocks().stream())
                .flatMap(b -> java.util.stream.Stream.concat(b.left().stream(), b.right().stream()))
                .filter(l -> l instanceof org.budgetledger.projection.report.domain.TableSpec.Classes)
                .flatMap(l -> ((org.budgetledger.projection.report.domain.TableSpec.Classes) l).fixed().stream())
                .forEach(c -> byName.put(SheetText.normalized(c.name()), c.code()));
        Optional.ofNullable(catalogue(fiscalYear, CatalogueKind.FUNCTIONAL))
                .ifPresent(c -> c.entries().stream()
                        .filter(e -> e.code().length() == 3)
                        .forEach(e -> byName.put(SheetText.normalized(e.name()), e.code())));
        return name -> Optional.ofNullable(byName.get(name));
    }
}
