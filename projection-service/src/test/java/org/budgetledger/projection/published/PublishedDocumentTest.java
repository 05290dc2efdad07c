package org.budgetledger.projection.published;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.projection.checks.domain.CheckResult;
import org.budgetledger.projection.published.domain.PublishedDocument;
import org.budgetledger.projection.published.domain.SheetText;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportBuilder;
import org.budgetledger.projection.report.domain.ReportFixtures;
import org.budgetledger.projection.report.domain.ReportTable;
import org.budgetledger.projection.report.domain.Template;
import org.budgetledger.projection.report.render.CsvRenderer;
import org.budgetledger.projection.report.render.XlsxRenderer;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Our own report.xlsx and CSV, read back as a published document: the same table figures, whatever the position of
 * the tables; a changed figure, a missing table or a renamed heading are refused with what and where.
 */
class PublishedDocumentTest {

    private static Map<String, Long> printedTableCells(Map<String, Long> figures, Template template) {
        Map<String, Long> cells = new TreeMap<>();
        List<String> tables = template.tables().stream().map(t -> t.id() + "/").toList();
        figures.forEach((key, fen) -> {
            if (tables.stream().anyMatch(key::startsWith)) {
                long printed = new BigDecimal(Money.ofFen(fen).toWanYuan())
                        .multiply(BigDecimal.valueOf(1_000_000))
                        .longValueExact();
                if (printed != 0) {
                    cells.put(key, printed);
                }
            }
        });
        return cells;
    }

    private static PublishedDocument.Reading readWorkbook(byte[] xlsx, int year) throws Exception {
        return PublishedDocument.workbook(DocumentFiles.workbook(xlsx), Template.forYear(year), classes(year));
    }

    private static java.util.function.Function<String, Optional<String>> classes(int year) {
        Map<String, String> byName = new HashMap<>();
        ShippedCatalogues.load(year, CatalogueKind.FUNCTIONAL).orElseThrow().entries().stream()
                .filter(e -> e.code().length() == 3)
                .forEach(e -> byName.put(SheetText.normalized(e.name()), e.code()));
        return name -> Optional.ofNullable(byName.get(name));
    }

    @Test
    void theSeedsWorkbookGivesTheSeedsTableFigures() throws Exception {
        ReportFixtures fixtures = new ReportFixtures(Fixtures.HETANG);
        Report report = ReportBuilder.build(fixtures.input(Optional.empty(), Map.of()));
        PublishedDocument.Reading reading = readWorkbook(XlsxRenderer.render(report), 2019);
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.tables()).containsExactly("01", "02", "03", "04", "05", "06", "07", "08");

        Map<String, Long> expected = new TreeMap<>();
        Fixtures.of(Fixtures.HETANG).expectedCells().get("cells").fields().forEachRemaining(e -> {
            if (Character.isDigit(e.getKey().charAt(0))) {
                expected.put(
                        e.getKey(),
                        new BigDecimal(e.getValue().asText())
                                .multiply(BigDecimal.valueOf(1_000_000))
                                .longValueExact());
            }
        });
        assertThat(reading.cells()).isEqualTo(expected);
        assertThat(PublishedFigures.failing(
                        "HT-COPY",
                        2019,
                        UnitKind.ADMINISTRATIVE,
                        reading,
                        ShippedCatalogues.load(2019, CatalogueKind.FUNCTIONAL).orElseThrow(),
                        ShippedCatalogues.load(2019, CatalogueKind.ECONOMIC).orElseThrow()))
                .isEmpty();
    }

    @Test
    void theDemoDepartmentsWorkbookAndEachTablesCsvGiveItsPrintedFigures() throws Exception {
        ReportFixtures fixtures = new ReportFixtures(Fixtures.DEMO_WLJ);
        Report report = ReportBuilder.build(fixtures.input(Optional.empty(), Map.of()));
        Map<String, Long> expected = printedTableCells(fixtures.figures(), Template.forYear(2020));

        PublishedDocument.Reading workbook = readWorkbook(XlsxRenderer.render(report), 2020);
        assertThat(workbook.problems()).isEmpty();
        assertThat(workbook.cells()).isEqualTo(expected);

        Map<String, Long> fromCsv = new TreeMap<>();
        for (ReportTable table : report.tables().tables()) {
            PublishedDocument.Reading csv = PublishedDocument.table(
                    DocumentFiles.csv(CsvRenderer.bytes(table), table.number() + ".csv"),
                    Template.forYear(2020),
                    classes(2020));
            assertThat(csv.problems()).as(table.number()).isEmpty();
            assertThat(csv.tables()).containsExactly(table.id());
            fromCsv.putAll(csv.cells());
        }
        assertThat(fromCsv).isEqualTo(expected);
    }

    @Test
    void aChangedFigureFailsTheRuleOfItsTable() throws Exception {
        byte[] changed = edit(seedWorkbook(), "公开01表", "本年收入合计", 2, 31.74);
        PublishedDocument.Reading reading = readWorkbook(changed, 2019);
        assertThat(reading.problems()).isEmpty();
        List<CheckResult> failing = PublishedFigures.failing(
                "HT-COPY",
                2019,
                UnitKind.ADMINISTRATIVE,
                reading,
                ShippedCatalogues.load(2019, CatalogueKind.FUNCTIONAL).orElseThrow(),
                ShippedCatalogues.load(2019, CatalogueKind.ECONOMIC).orElseThrow());
        assertThat(failing).extracting(CheckResult::id).contains("W01");
    }

    @Test
    void aMissingTableOrARenamedHeadingIsNamed() throws Exception {
        byte[] workbook = seedWorkbook();
        PublishedDocument.Reading missing = readWorkbook(removeSheet(workbook, "公开07表"), 2019);
        assertThat(missing.problems()).hasSize(1);
        assertThat(missing.problems().get(0).text()).contains("公开07表", "missing");

        PublishedDocument.Reading renamed = readWorkbook(rename(workbook, "公开05表", "基本支出", "基础支出"), 2019);
        assertThat(renamed.problems()).isNotEmpty();
        assertThat(renamed.problems().get(0).text()).contains("公开05表", "基本支出");

        PublishedDocument.Reading notAnAmount = readWorkbook(editText(workbook, "公开02表", "合计", 2, "三十"), 2019);
        assertThat(notAnAmount.problems().get(0).text()).contains("公开02表", "row 合计", "本年收入合计", "'三十' is not an amount");
    }

    @Test
    void tablesAreFoundByTitleWhereverTheyStand() throws Exception {
        byte[] shifted;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(seedWorkbook()))) {
            for (Sheet sheet : wb) {
                sheet.shiftRows(0, sheet.getLastRowNum(), 3); // three rows of letterhead above each table
                sheet.shiftColumns(0, 20, 1);
            }
            shifted = bytes(wb);
        }
        PublishedDocument.Reading reading = readWorkbook(shifted, 2019);
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.cells()).isEqualTo(readWorkbook(seedWorkbook(), 2019).cells());
    }

    // ---------------------------------------------------------------- workbooks

    private static byte[] seedWorkbook() {
        return XlsxRenderer.render(
                ReportBuilder.build(new ReportFixtures(Fixtures.HETANG).input(Optional.empty(), Map.of())));
    }

    private static byte[] edit(byte[] xlsx, String sheetName, String rowLabel, int column, double value)
            throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            rowWith(wb.getSheet(sheetName), rowLabel).getCell(column).setCellValue(value);
            return bytes(wb);
        }
    }

    private static byte[] editText(byte[] xlsx, String sheetName, String rowLabel, int column, String value)
            throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            rowWith(wb.getSheet(sheetName), rowLabel).getCell(column).setCellValue(value);
            return bytes(wb);
        }
    }

    private static byte[] rename(byte[] xlsx, String sheetName, String from, String to) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : wb.getSheet(sheetName)) {
                for (Cell cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                            && cell.getStringCellValue().equals(from)) {
                        cell.setCellValue(to);
                    }
                }
            }
            return bytes(wb);
        }
    }

    private static byte[] removeSheet(byte[] xlsx, String sheetName) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            wb.removeSheetAt(wb.getSheetIndex(sheetName));
            return bytes(wb);
        }
    }

    private static Row rowWith(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null
                    && first.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                    && first.getStringCellValue().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("no row " + label + " in " + sheet.getSheetName());
    }

    private static byte[] bytes(XSSFWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
