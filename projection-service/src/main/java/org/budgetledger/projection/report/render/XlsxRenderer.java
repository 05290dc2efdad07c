package org.budgetledger.projection.report.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.budgetledger.projection.report.domain.Grid;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportTable;
import org.budgetledger.projection.report.domain.Section;
import org.budgetledger.projection.report.domain.TextPart;

/**
 * The tables as an .xlsx workbook, one sheet per table named by its 表号 ("公开01表"), in the official layout: title,
 * 部门 / 表号 / 单位 line, header rows with the seed's merged cells and the 栏次 row, body rows (amounts as numeric cells
 * formatted as printed: "0.00" for 2 decimals, "0" for a printed 0; blanks blank; "无" and names as text), the note and
 * the empty-table statement; A4 print setup, landscape for wide tables. A last sheet "情况说明" holds the 情况说明 text.
 */
public final class XlsxRenderer {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    public static final String NARRATIVE_SHEET = "情况说明";

    private XlsxRenderer() {}

    public static byte[] render(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        render(report, true, out);
        return out.toByteArray();
    }

    public static void render(Report report, boolean withNarrative, OutputStream out) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            // where imported figures came from, in the workbook's properties: the sheets keep the official layout
            report.source()
                    .ifPresent(t -> workbook.getProperties().getCoreProperties().setDescription(t));
            for (ReportTable table : report.tables().tables()) {
                table(workbook.createSheet(WorkbookUtil.createSafeSheetName(table.number())), table, styles);
            }
            if (withNarrative) {
                narrative(workbook.createSheet(NARRATIVE_SHEET), report.explanation(), styles);
            }
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void table(Sheet sheet, ReportTable table, Styles styles) {
        int columns = table.columns();
        int r = 0;
        Row title = sheet.createRow(r);
        title.setHeightInPoints(26);
        text(title, 0, table.title(), styles.title);
        merge(sheet, r, r, 0, columns - 1);
        r++;

        Row meta = sheet.createRow(r);
        text(meta, 0, table.department(), styles.plain);
        if (columns >= 4) {
            merge(sheet, r, r, 0, columns - 3);
        }
        text(meta, columns - 2, table.number(), styles.plain);
        text(meta, columns - 1, table.unit(), styles.right);
        r++;

        Grid header = table.headerGrid();
        int headerStart = r;
        for (int i = 0; i < header.rows(); i++, r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < columns; c++) {
                text(row, c, header.at(i, c), styles.header);
            }
        }
        header.merges()
                .forEach(m -> merge(
                        sheet,
                        headerStart + m.row(),
                        headerStart + m.row() + m.rowSpan() - 1,
                        m.column(),
                        m.column() + m.colSpan() - 1));

        Grid body = table.bodyGrid();
        int bodyStart = r;
        r = body(sheet, body, r, styles);

        Row note = sheet.createRow(r);
        text(note, 0, table.note(), styles.wrap);
        merge(sheet, r, r, 0, columns - 1);
        note.setHeightInPoints(table.note().length() > 60 ? 42 : 18);
        r++;
        if (table.emptyStatement().isPresent()) {
            Row statement = sheet.createRow(r);
            text(statement, 0, table.emptyStatement().get(), styles.wrap);
            merge(sheet, r, r, 0, columns - 1);
            statement.setHeightInPoints(30);
        }

        layout(sheet, header, body, bodyStart);
    }

    /** The body rows from row {@code r}: amounts as numbers formatted as printed, the rest as text; the next row. */
    private static int body(Sheet sheet, Grid body, int r, Styles styles) {
        int bodyStart = r;
        for (int i = 0; i < body.rows(); i++, r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < body.columns(); c++) {
                String value = body.at(i, c);
                if (body.amounts().get(i).get(c) && NUMBER.matcher(value).matches()) {
                    org.apache.poi.ss.usermodel.Cell cell = row.createCell(c);
                    cell.setCellValue(new BigDecimal(value).doubleValue());
                    cell.setCellStyle(value.contains(".") ? styles.amount : styles.integer);
                } else {
                    text(row, c, value, body.amounts().get(i).get(c) && !value.isEmpty() ? styles.center : styles.body);
                }
            }
        }
        body.merges()
                .forEach(m -> merge(
                        sheet,
                        bodyStart + m.row(),
                        bodyStart + m.row() + m.rowSpan() - 1,
                        m.column(),
                        m.column() + m.colSpan() - 1));
        return r;
    }

    /** Column widths from the texts, the header frozen, A4 fitted to the width (landscape for wide tables). */
    private static void layout(Sheet sheet, Grid header, Grid body, int bodyStart) {
        int columns = body.columns();
        for (int c = 0; c < columns; c++) {
            int width = 8;
            for (List<String> row : header.text()) {
                width = Math.max(width, Math.min(24, displayWidth(row.get(c)) + 2));
            }
            for (List<String> row : body.text()) {
                width = Math.max(width, Math.min(40, displayWidth(row.get(c)) + 2));
            }
            sheet.setColumnWidth(c, width * 256);
        }
        sheet.createFreezePane(0, bodyStart);
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(columns > 8);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setHorizontallyCenter(true);
    }

    private static void narrative(Sheet sheet, TextPart part, Styles styles) {
        sheet.setColumnWidth(0, 110 * 256);
        int r = 0;
        Row title = sheet.createRow(r++);
        text(title, 0, part.number() + " " + part.title(), styles.title);
        for (Section section : part.sections()) {
            r = section(sheet, section, r, styles);
        }
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
    }

    private static int section(Sheet sheet, Section section, int r, Styles styles) {
        if (!section.heading().isEmpty()) {
            text(sheet.createRow(r++), 0, section.heading(), styles.bold);
        }
        for (String paragraph : section.paragraphs()) {
            Row row = sheet.createRow(r++);
            text(row, 0, paragraph, styles.wrap);
            row.setHeightInPoints(15 * Math.max(1, (displayWidth(paragraph) + 107) / 108));
        }
        for (Section sub : section.subsections()) {
            r = section(sheet, sub, r, styles);
        }
        return r;
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        org.apache.poi.ss.usermodel.Cell cell = row.createCell(column);
        if (!value.isEmpty()) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
    }

    private static void merge(Sheet sheet, int firstRow, int lastRow, int firstColumn, int lastColumn) {
        if (firstRow != lastRow || firstColumn != lastColumn) {
            sheet.addMergedRegion(new CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn));
        }
    }

    /** Columns a text takes: 2 for CJK and full-width characters, 1 otherwise. */
    static int displayWidth(String text) {
        return text.codePoints().map(c -> c >= 0x1100 ? 2 : 1).sum();
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle plain;
        final CellStyle right;
        final CellStyle header;
        final CellStyle body;
        final CellStyle center;
        final CellStyle amount;
        final CellStyle integer;
        final CellStyle wrap;
        final CellStyle bold;

        Styles(Workbook workbook) {
            DataFormat format = workbook.createDataFormat();
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 16);
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);

            title = workbook.createCellStyle();
            title.setFont(titleFont);
            title.setAlignment(HorizontalAlignment.CENTER);
            title.setVerticalAlignment(VerticalAlignment.CENTER);
            plain = workbook.createCellStyle();
            right = workbook.createCellStyle();
            right.setAlignment(HorizontalAlignment.RIGHT);
            header = bordered(workbook);
            header.setFont(boldFont);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setWrapText(true);
            body = bordered(workbook);
            center = bordered(workbook);
            center.setAlignment(HorizontalAlignment.CENTER);
            amount = bordered(workbook);
            amount.setAlignment(HorizontalAlignment.RIGHT);
            amount.setDataFormat(format.getFormat("0.00"));
            integer = bordered(workbook);
            integer.setAlignment(HorizontalAlignment.RIGHT);
            integer.setDataFormat(format.getFormat("0"));
            wrap = workbook.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
        }

        private static CellStyle bordered(Workbook workbook) {
            CellStyle s = workbook.createCellStyle();
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
            s.setVerticalAlignment(VerticalAlignment.CENTER);
            return s;
        }
    }
}
