package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static Report report(int year, Map<String, Long> figures) {
        UnitProfile profile = new UnitProfile("测试单位", UnitKind.ADMINISTRATIVE, null, "测试", null, null);
        return ReportBuilder.build(ReportInput.withCatalogues(
                year,
                "T",
                profile,
                List.of(new ReportInput.Unit("T", "测试单位", UnitKind.ADMINISTRATIVE, null)),
                Cells.copyOf(figures),
                Optional.empty(),
                Map.of(),
                ShippedCatalogues.load(year, CatalogueKind.FUNCTIONAL).orElseThrow(),
                ShippedCatalogues.load(year, CatalogueKind.ECONOMIC).orElseThrow()));
    }

    @Test
    void templatesAreChosenByFiscalYear() {
        assertThat(Template.forYear(2018)).isSameAs(Templates.HUNAN_2019);
        assertThat(Template.forYear(2019)).isSameAs(Templates.HUNAN_2019);
        assertThat(Template.forYear(2020)).isSameAs(Templates.HUNAN_2020);
        assertThat(Template.forYear(2024)).isSameAs(Templates.HUNAN_2020);
        assertThat(Templates.HUNAN_2019.table("09")).isEmpty();
        assertThat(Templates.HUNAN_2020.table("09")).isPresent();
    }

    @Test
    void aClassWithSpendingOutsideTheFixedRowsIsPrintedAndLineNumbersFollow() {
        Map<String, Long> f = new HashMap<>();
        f.put("01/expenditure.207/amount", 100_000_00L);
        f.put("01/expenditure.208/amount", 50_000_00L);
        f.put("01/expenditure.total/amount", 150_000_00L);
        List<List<String>> body =
                report(2019, f).table("01").orElseThrow().bodyGrid().text();
        assertThat(body).hasSize(14);
        assertThat(body.get(6)).containsExactly("七、其他收入", "7", "", "七、文化旅游体育与传媒支出", "21", "10.00");
        assertThat(body.get(7)).containsExactly("", "8", "", "八、社会保障和就业支出", "22", "5.00");
        assertThat(body.get(8)).containsExactly("", "9", "", "九、.....", "23", "");
        assertThat(body.get(9)).containsExactly("本年收入合计", "10", "", "本年支出合计", "24", "15.00");
        assertThat(body.get(13)).containsExactly("总计", "14", "", "总计", "28", "");
    }

    @Test
    void table06PrintsEconomicCodesTheTemplateDoesNotListInTheirPlace() {
        Map<String, Long> f = new HashMap<>();
        f.put("06/303/amount", 1_000_00L);
        f.put("06/30311/amount", 1_000_00L);
        f.put("06/309/amount", 2_000_00L);
        f.put("06/30913/amount", 2_000_00L);
        f.put("06/personnel_total/amount", 1_000_00L);
        f.put("06/public_total/amount", 2_000_00L);
        ReportTable t = report(2019, f).table("06").orElseThrow();
        List<List<String>> body = t.bodyGrid().text();
        List<String> first = body.stream().map(r -> r.get(0)).toList();
        assertThat(first.subList(first.indexOf("30310"), first.indexOf("30310") + 3))
                .containsExactly("30310", "30311", "30399");
        List<String> third = body.stream().map(r -> r.get(6)).toList();
        assertThat(third.subList(0, 6)).containsExactly("307", "30701", "30702", "309", "30913", "310");
        assertThat(body.get(third.indexOf("30913")).subList(6, 9)).containsExactly("30913", "公务用车购置", "0.20");
        assertThat(body.get(body.size() - 1)).containsExactly("人员经费合计", "", "0.10", "公用经费合计", "", "", "", "", "0.20");
    }

    @Test
    void gridsRejectCellsThatDoNotFit() {
        assertThatThrownBy(() -> Grid.of(List.of(List.of(Cell.span("a", 3, 1))), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grid.of(List.of(List.of(Cell.text("a"))), 2))
                .isInstanceOf(IllegalArgumentException.class);
        Grid g = Grid.of(List.of(List.of(Cell.span("a", 1, 2), Cell.text("b")), List.of(Cell.text("c"))), 2);
        assertThat(g.text()).containsExactly(List.of("a", "b"), List.of("", "c"));
        assertThat(g.merges()).containsExactly(new Grid.Region(0, 0, 2, 1));
    }

    @Test
    void anEmptyYearStillPrintsEveryPart() {
        Report r = report(2019, Map.of());
        assertThat(r.explanation().sections()).hasSize(10);
        assertThat(r.explanation().text())
                .contains("本年收入合计0万元，其中：财政拨款收入0万元，占0%")
                .doesNotContain("null", "{");
        assertThat(r.table("07").orElseThrow().bodyGrid().text().get(0))
                .containsExactly("无", "", "", "", "", "", "0", "0", "0", "0", "0", "0");
        assertThat(r.overview().text()).contains("我单位属于行政单位，现有预算单位1个。").doesNotContain("编制");
    }
}
