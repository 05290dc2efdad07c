package org.budgetledger.projection.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportTable;
import org.junit.jupiter.api.Test;

class CsvRendererTest {

    private final Report report = RenderFixtures.hetang(Map.of());

    @Test
    void everyTableRoundTripsInTheOfficialLayout() {
        for (ReportTable table : report.tables().tables()) {
            String csv = CsvRenderer.render(table);
            List<List<String>> rows = CsvRenderer.parse(csv);
            List<List<String>> expected = new ArrayList<>();
            expected.add(List.of(table.title()));
            expected.add(List.of(table.department(), table.number(), table.unit()));
            expected.addAll(table.headerGrid().text());
            expected.addAll(table.bodyGrid().text());
            expected.add(List.of(table.note()));
            table.emptyStatement().ifPresent(s -> expected.add(List.of(s)));
            assertThat(rows).as(table.number()).isEqualTo(expected);
        }
    }

    @Test
    void itStartsWithABomAndUsesCrlf() {
        byte[] bytes = CsvRenderer.bytes(report.table("02").orElseThrow());
        assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
        assertThat(bytes[1] & 0xFF).isEqualTo(0xBB);
        assertThat(bytes[2] & 0xFF).isEqualTo(0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\r\n栏次,,1,2,3,4,5,6,7\r\n")
                .contains("\r\n2060199,其他科学技术管理事务支出,5.49,5.49,,,,,\r\n")
                .contains("\r\n合计,,30.74,30.74,,,,,\r\n");
    }

    @Test
    void fieldsWithSeparatorsQuotesOrFormulasAreQuoted() {
        assertThat(CsvRenderer.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRenderer.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRenderer.field("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvRenderer.field("-1.00")).isEqualTo("-1.00");
        assertThat(CsvRenderer.field("+12,345.67")).isEqualTo("\"+12,345.67\"");
        for (String formula :
                new String[] {"-2+3", "-cmd|' /C calc'!A0", "+SUM(A1)", "@SUM(A1)", "\t=1", "\r=1", "-", "+"}) {
            assertThat(CsvRenderer.parse(CsvRenderer.field(formula)).get(0).get(0))
                    .as(formula)
                    .isEqualTo("'" + formula);
        }
        assertThat(CsvRenderer.parse("a,\"b,\"\"c\"\"\"\r\nd\n"))
                .containsExactly(List.of("a", "b,\"c\""), List.of("d"));
    }
}
