package org.budgetledger.ledger.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A file's cells, row by row, as text (a catalogue, a year's unit profiles): a workbook's first sheet (its cells as the spreadsheet shows them, so a
 * code typed as a number reads 2050101, not 2050101.0), or a CSV in UTF-8 (with or without its byte-order mark) or,
 * failing that, GB18030, in which Chinese spreadsheets still save CSV.
 */
public final class Spreadsheets {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv";

    /** More rows than any file this service reads has, by far: a bound on what one request reads. */
    public static final int MAX_ROWS = 25_000;

    private Spreadsheets() {}

    /** The rows of a body of this Content-Type (CSV, else a workbook). */
    public static List<List<String>> rows(String contentType, byte[] body) {
        return contentType != null && contentType.startsWith(CSV) ? csv(body) : xlsx(body);
    }

    static List<List<String>> xlsx(byte[] body) {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter shown = new DataFormatter();
        shown.setUseCachedValuesForFormulaCells(true); // a code computed by a formula reads as its value
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            if (workbook.getNumberOfSheets() == 0) {
                return rows;
            }
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 0; r <= Math.min(sheet.getLastRowNum(), MAX_ROWS); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                for (int c = 0; row != null && c < Math.min(row.getLastCellNum(), 64); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : shown.formatCellValue(cell));
                }
                rows.add(cells); // an empty row too: row numbers stay the sheet's
            }
        } catch (IOException | RuntimeException e) {
            throw ApiException.unprocessable(
                    "file.unreadable", "body", "the body is not a readable XLSX workbook: " + e.getMessage());
        }
        return rows;
    }

    static List<List<String>> csv(byte[] body) {
        String text = decode(body);
        List<List<String>> rows = new ArrayList<>();
        try {
            for (CSVRecord record :
                    CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(new StringReader(text))) {
                if (rows.size() > MAX_ROWS) {
                    break;
                }
                rows.add(record.toList());
            }
        } catch (IOException | RuntimeException e) {
            throw ApiException.unprocessable(
                    "file.unreadable", "body", "the body is not readable CSV: " + e.getMessage());
        }
        return rows;
    }

    private static String decode(byte[] body) {
        int bom = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3
                : 0;
        ByteBuffer bytes = ByteBuffer.wrap(body, bom, body.length - bom);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(body, Charset.forName("GB18030"));
        }
    }
}
