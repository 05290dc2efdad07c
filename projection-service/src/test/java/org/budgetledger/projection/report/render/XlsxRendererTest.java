package org.budgetledger.projection.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.budgetledger.projection.report.domain.Report;
import org.junit.jupiter.api.Test;

class XlsxRendererTest {

    private final Report report = RenderFixtures.hetang(Map.of());

    @Test
    void theWorkbookHasOneSheetPerTableAndTheNarrative() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(XlsxRenderer.render(report)))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names)
                    .containsExactly("公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开07表", "公开08表", "情况说明");

            // 01: title, meta, 3 header rows, then 一、一般公共预算财政拨款收入 | 1 | 30.74
            Sheet t01 = wb.getSheet("公开01表");
            assertThat(t01.getRow(0).getCell(0).getStringCellValue()).isEqualTo("收入支出决算总表");
            assertThat(t01.getRow(1).getCell(0).getStringCellValue()).startsWith("部门：中共株洲市荷塘区委");
            assertThat(t01.getRow(1).getCell(5).getStringCellValue()).isEqualTo("单位：万元");
            Cell value = t01.getRow(5).getCell(2);
            assertThat(t01.getRow(5).getCell(0).getStringCellValue()).isEqualTo("一、一般公共预算财政拨款收入");
            assertThat(value.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(value.getNumericCellValue()).isEqualTo(30.74);
            assertThat(value.getCellStyle().getDataFormatString()).isEqualTo("0.00");
            Cell blank = t01.getRow(6).getCell(2);
            assertThat(blank.getCellType()).isEqualTo(CellType.BLANK);
            assertThat(t01.getMergedRegions())
                    .contains(new CellRangeAddress(2, 2, 0, 2), new CellRangeAddress(2, 2, 3, 5));

            // 07: 无 merged across the 6 budget columns, 0 as a number printed "0"
            Sheet t07 = wb.getSheet("公开07表");
            int body = 2 + 4;
            assertThat(t07.getRow(body).getCell(0).getStringCellValue()).isEqualTo("无");
            assertThat(t07.getMergedRegions()).contains(new CellRangeAddress(body, body, 0, 5));
            Cell zero = t07.getRow(body).getCell(7);
            assertThat(zero.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(zero.getNumericCellValue()).isZero();
            assertThat(zero.getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(t07.getRow(body).getCell(11).getNumericCellValue()).isEqualTo(0.06);
            // header spans: 公务用车购置及运行费 over 3 columns, 合计 over 2 rows
            assertThat(t07.getMergedRegions())
                    .contains(new CellRangeAddress(3, 3, 2, 4), new CellRangeAddress(3, 4, 0, 0));

            // 06: code as text, the totals line merged like the seed
            Sheet t06 = wb.getSheet("公开06表");
            assertThat(t06.getRow(3).getCell(0).getStringCellValue()).isEqualTo("301");
            assertThat(t06.getRow(3).getCell(2).getNumericCellValue()).isEqualTo(18.61);
            int last = 3 + 28;
            assertThat(t06.getRow(last).getCell(0).getStringCellValue()).isEqualTo("人员经费合计");
            assertThat(t06.getRow(last).getCell(8).getNumericCellValue()).isEqualTo(12.13);
            assertThat(t06.getMergedRegions()).contains(new CellRangeAddress(last, last, 3, 7));

            // 08: the statement under the table
            Sheet t08 = wb.getSheet("公开08表");
            assertThat(t08.getRow(t08.getLastRowNum()).getCell(0).getStringCellValue())
                    .endsWith("故本表无数据");

            Sheet narrative = wb.getSheet("情况说明");
            List<String> lines = new ArrayList<>();
            narrative.forEach(r -> lines.add(r.getCell(0).getStringCellValue()));
            assertThat(lines).contains("一、收入支出决算总体情况说明", "（一）机关运行经费支出情况");
            assertThat(String.join("\n", lines)).contains("人员经费18.61万元，占基本支出的60.54%");
        }
    }
}
