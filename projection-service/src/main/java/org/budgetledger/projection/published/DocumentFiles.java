package org.budgetledger.projection.published;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.budgetledger.projection.published.domain.SheetText;

/**
 * A published document's bytes as the text of its sheets: an .xlsx workbook (Apache POI; numbers as plain decimals,
 * a merged region's text in each of its cells), or a CSV file (Apache Commons CSV; UTF-8, a BOM allowed).
 */
final class DocumentFiles {

    /** Why a file could not be opened at all (not a workbook, not UTF-8 text …). */
    static final class Unreadable extends Exception {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sheets read at most: a disclosure has nine tables and a text or two. */
    static final int MAX_SHEETS = 40;
    /** The largest part of a workbook unpacked: a disclosure's sheets are kilobytes, a zip bomb is not. */
    private static final long MAX_UNPACKED_ENTRY = 50L * 1024 * 1024;

    static {
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(MAX_UNPACKED_ENTRY);
    }

    private DocumentFiles() {}

    static List<SheetText> workbook(byte[] bytes) throws Unreadable {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            DataFormatter formatter = new DataFormatter();
            List<SheetText> sheets = new ArrayList<>();
            for (Sheet sheet : workbook) {
                if (sheets.size() == MAX_SHEETS) {
                    break;
                }
                sheets.add(sheet(sheet, formatter));
            }
            return sheets;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("the file is not an .xlsx workbook that can be read: " + e.getMessage(), e);
        }
    }

    private static SheetText sheet(Sheet sheet, DataFormatter formatter) {
        int height = Math.min(sheet.getLastRowNum() + 1, SheetText.MAX_ROWS);
        String[][] text = new String[height][SheetText.MAX_COLUMNS];
        for (int r = 0; r < height; r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (Cell cell : row) {
                if (cell.getColumnIndex() < SheetText.MAX_COLUMNS) {
                    text[r][cell.getColumnIndex()] = text(cell, formatter);
                }
            }
        }
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            if (merged.getFirstRow() >= height || merged.getFirstColumn() >= SheetText.MAX_COLUMNS) {
                continue;
            }
            String value = text[merged.getFirstRow()][merged.getFirstColumn()];
            for (int r = merged.getFirstRow(); r <= Math.min(merged.getLastRow(), height - 1); r++) {
                for (int c = merged.getFirstColumn();
                        c <= Math.min(merged.getLastColumn(), SheetText.MAX_COLUMNS - 1);
                        c++) {
                    text[r][c] = value;
                }
            }
        }
        List<List<String>> rows = new ArrayList<>(height);
        for (String[] row : text) {
            List<String> cells = new ArrayList<>(row.length);
            for (String t : row) {
                cells.add(t == null ? "" : t);
            }
            rows.add(cells);
        }
        return new SheetText(sheet.getSheetName(), rows);
    }

    /** A number as its plain decimal (not as formatted: a figure formatted "0" may hold 0.004); the rest as shown. */
    private static String text(Cell cell, DataFormatter formatter) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            return BigDecimal.valueOf(cell.getNumericCellValue())
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return type == CellType.STRING ? cell.getStringCellValue() : formatter.formatCellValue(cell);
    }

    static SheetText csv(byte[] bytes, String name) throws Unreadable {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.contains("\uFFFD")) {
            throw new Unreadable("the CSV file is not UTF-8 text (export it as \"CSV UTF-8\")", null);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(text))) {
                if (rows.size() >= SheetText.MAX_ROWS) {
                    break;
                }
                rows.add(record.toList());
            }
            return new SheetText(name, rows);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("the CSV file cannot be read: " + e.getMessage(), e);
        }
    }
}
