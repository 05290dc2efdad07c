package org.budgetledger.ledger.catalogue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.junit.jupiter.api.Test;

class CatalogueSheetTest {

    @Test
    void theMinistrysLayoutTitleRowsAHeadingThenCodesIndentedNamesAndNotes() {
        CatalogueSheet.Parsed parsed = CatalogueSheet.parse(
                List.of(
                        List.of("2024年政府收支分类科目"),
                        List.of(),
                        List.of("科目编码", "科目名称", "说明"),
                        List.of("205", "教育支出", "反映政府教育事务支出"),
                        List.of("20501", "\u3000\u3000教育管理事务"),
                        List.of(" 2050101 ", "\u3000\u3000\u3000\u3000行政运行"),
                        List.of("注：本表为示例。")),
                CatalogueKind.FUNCTIONAL);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows())
                .extracting(
                        r -> r.row() + " " + r.entry().code() + " " + r.entry().name())
                .containsExactly("4 205 教育支出", "5 20501 教育管理事务", "6 2050101 行政运行");
        assertThat(parsed.skipped()).isEqualTo(4);
    }

    @Test
    void theSplitColumnsCarryTheirLeiDown() {
        CatalogueSheet.Parsed parsed = CatalogueSheet.parse(
                List.of(
                        List.of("类", "款", "项", "科目名称"),
                        List.of("205", "", "", "教育支出"),
                        List.of("", "02", "", "普通教育"),
                        List.of("", "02", "02", "小学教育")),
                CatalogueKind.FUNCTIONAL);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).extracting(r -> r.entry().code()).containsExactly("205", "20502", "2050202");
    }

    @Test
    void a款LeftBlankCarriesDownAndA项WithoutA款IsAnError() {
        CatalogueSheet.Parsed parsed = CatalogueSheet.parse(
                List.of(
                        List.of("类", "款", "项", "科目名称"),
                        List.of("205", "", "", "教育支出"),
                        List.of("", "", "01", "无款之项"),
                        List.of("", "02", "", "普通教育"),
                        List.of("", "", "01", "学前教育"),
                        List.of("", "", "02", "小学教育")),
                CatalogueKind.FUNCTIONAL);
        assertThat(parsed.rows())
                .extracting(r -> r.entry().code())
                .containsExactly("205", "20502", "2050201", "2050202");
        assertThat(parsed.problems()).extracting(CatalogueSheet.Problem::row).containsExactly(3);
    }

    @Test
    void everyBadRowIsListedWithItsNumber() {
        CatalogueSheet.Parsed parsed = CatalogueSheet.parse(
                List.of(
                        List.of("code", "name"),
                        List.of("2051", "四位"),
                        List.of("20501", ""),
                        List.of("205", "教育支出"),
                        List.of("205", "教育支出")),
                CatalogueKind.FUNCTIONAL);
        assertThat(parsed.problems()).extracting(CatalogueSheet.Problem::row).containsExactly(2, 3, 5);
        assertThat(parsed.problems().get(0).message()).contains("row 2", "2051");
        assertThat(parsed.problems().get(1).message()).contains("row 3", "name");
        assertThat(parsed.problems().get(2).message()).contains("row 5", "row 4");
    }

    @Test
    void withoutAHeadingTheFirstTwoColumnsAreCodeAndName() {
        CatalogueSheet.Parsed parsed = CatalogueSheet.parse(
                List.of(List.of("301", "工资福利支出"), List.of("30101", "基本工资")), CatalogueKind.ECONOMIC);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
    }
}
