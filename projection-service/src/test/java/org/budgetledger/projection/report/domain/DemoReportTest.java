package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The 3-unit demo department (2020): the 9-table template, budgets and their completion, counts, procurement. */
class DemoReportTest {

    private final ReportFixtures fixtures = new ReportFixtures(Fixtures.DEMO_WLJ);
    private final Report report = ReportBuilder.build(fixtures.input(Optional.empty(), Map.of()));

    private String text() {
        return report.explanation().text();
    }

    @Test
    void the2020TemplateAddsStateCapital() {
        assertThat(report.templateId()).isEqualTo("hunan-county-2020");
        assertThat(report.tables().tables())
                .extracting(ReportTable::id)
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09");
        ReportTable t09 = report.table("09").orElseThrow();
        assertThat(t09.title()).isEqualTo("国有资本经营预算财政拨款收入支出决算表");
        assertThat(t09.bodyGrid().text()).containsExactly(List.of("合计", "", "0", "0", "0", "0", "0", "0"));
        assertThat(t09.emptyStatement()).contains("示例区文化和旅游局没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据");
        assertThat(report.table("04").orElseThrow().headerGrid().text().get(1)).endsWith("国有资本经营预算财政拨款");
        assertThat(report.explanation().sections())
                .extracting(Section::heading)
                .contains("九、国有资本经营预算财政拨款收入支出决算情况", "十、关于2020年度预算绩效情况说明", "十一、其他重要事项情况说明");
        assertThat(text()).contains("2020年度，本单位无国有资本经营预算财政拨款收支。");
    }

    @Test
    void table01PrintsEveryClassWithSpendingAndKeepsLineNumbersConsistent() {
        List<List<String>> body = report.table("01").orElseThrow().bodyGrid().text();
        assertThat(body).hasSize(16);
        assertThat(body.get(2)).containsExactly("三、国有资本经营预算财政拨款收入", "3", "", "三、国防支出", "19", "");
        assertThat(body.get(6)).containsExactly("七、附属单位上缴收入", "7", "", "七、文化旅游体育与传媒支出", "23", "560.40");
        assertThat(body.get(9)).containsExactly("", "10", "", "十、其他支出", "26", "37.20");
        assertThat(body.get(10)).containsExactly("", "11", "", "十一、.....", "27", "");
        assertThat(body.get(11)).containsExactly("本年收入合计", "12", "675.35", "本年支出合计", "28", "630.80");
        assertThat(body.get(15)).containsExactly("总计", "16", "691.20", "总计", "32", "691.20");
    }

    @Test
    void table07PrintsBudgetsAndActuals() {
        assertThat(report.table("07").orElseThrow().bodyGrid().text())
                .containsExactly(List.of(
                        "39.50", "7.00", "31.00", "22.00", "9.00", "1.50", "39.15", "6.40", "30.40", "21.00", "9.40",
                        "2.35"));
    }

    @Test
    void aFundTableWithDataPrintsItsRowsAndNoStatement() {
        ReportTable t08 = report.table("08").orElseThrow();
        assertThat(t08.emptyStatement()).isEmpty();
        assertThat(t08.bodyGrid().text())
                .containsExactly(
                        List.of("合计", "", "3.00", "40.00", "37.20", "0", "37.20", "5.80"),
                        List.of("229", "其他支出", "3.00", "40.00", "37.20", "", "37.20", "5.80"),
                        List.of("22960", "彩票公益金安排的支出", "3.00", "40.00", "37.20", "", "37.20", "5.80"),
                        List.of("2296003", "用于体育事业的彩票公益金", "3.00", "40.00", "37.20", "", "37.20", "5.80"));
    }

    @Test
    void overviewListsEveryUnit() {
        assertThat(report.constituentUnits()).containsExactly("示例区文化和旅游局本级", "示例区文化市场综合执法大队", "示例区文化馆");
        assertThat(report.overview().text())
                .contains("我单位属于行政单位，现有预算单位3个。", "汇总公开单位构成包括：示例区文化和旅游局本级、示例区文化市场综合执法大队、示例区文化馆。");
    }

    @Test
    void withBudgetsTheCompletionSentencesAppear() {
        assertThat(text())
                .contains(
                        "2020年度财政拨款支出年初预算为278.00万元，支出决算为582.85万元，完成年初预算的209.66%，决算数大于年初预算数。其中：",
                        "1、文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）。\n年初预算为251.00万元，支出决算为185.45万元，完成年初预算的73.88%，决算数小于年初预算数。",
                        "3、文化旅游体育与传媒支出（类）文化和旅游（款）群众文化（项）。\n年初预算为27.00万元，支出决算为249.10万元，完成年初预算的922.59%，决算数大于年初预算数。",
                        // a 项 without any budget: no rate over a zero budget
                        "2、文化旅游体育与传媒支出（类）文化和旅游（款）图书馆（项）。\n年初预算为0.00万元，支出决算为115.10万元，决算数大于年初预算数。",
                        "“三公”经费财政拨款支出全年预算为39.50万元，支出决算为39.15万元，完成预算的99.11%，其中：",
                        "因公出国（境）费支出决算为6.40万元，全年预算为7.00万元，完成预算的91.43%，无上年可比较数据。",
                        "全年安排因公出国（境）团组1个，累计3人次",
                        "全年共接待来访团组6个、来宾42人次",
                        "公务用车购置费21.00万元",
                        "本部门2020年度机关运行经费支出61.85万元",
                        "开支会议费1.80万元，人数80人；开支培训费2.60万元，人数130人；未举办节庆、晚会、论坛、赛事活动，开支0.00万元。",
                        "政府采购支出总额104.00万元，其中：政府采购货物支出21.00万元、政府采购工程支出35.00万元、政府采购服务支出48.00万元。"
                                + "授予中小企业合同金额69.00万元，占政府采购支出总额的66.35%，其中：授予小微企业合同金额48.00万元，占政府采购支出总额的46.15%。",
                        "人员经费368.00万元，占基本支出的81.32%，主要包括基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、其他社会保障缴费、住房公积金、生活补助；",
                        "2020年度财政拨款支出582.85万元，主要用于以下方面：文化旅游体育与传媒（类）支出549.65万元，占94.30%；社会保障和就业（类）支出18.20万元，占3.12%；住房保障（类）支出15.00万元，占2.57%。");
        assertThat(text()).doesNotContain("无2020年度财政拨款支出年初预算数据", "年初预算为0.00万元，支出决算为115.10万元，完成");
    }

    /** The official style from 2020: every amount in 万元 and every percent with two decimals, and no invented cause. */
    @Test
    void theTextWritesTwoDecimalsAndNoCause() {
        java.util.regex.Matcher loose = java.util.regex.Pattern.compile("(?<![\\d.])\\d+(\\.\\d)?(万元|%)")
                .matcher(text());
        assertThat(loose.find())
                .as("an amount or percent without two decimals: %s", loose.find(0) ? loose.group() : "")
                .isFalse();
        assertThat(text()).doesNotContain("机构改革", "新成立").contains("单位价值50.00万元以上通用设备");
    }

    @Test
    void reasonsFollowTheVariancesTheyExplain() {
        Report withReasons = ReportBuilder.build(fixtures.input(
                Optional.empty(),
                Map.of(
                        "reasons.general_budget", "追加了项目支出。",
                        "reasons.general_budget.2070101", "人员减少",
                        "reasons.sangong", "厉行节约",
                        "purposes.training", "全区文化系统业务培训")));
        assertThat(withReasons.explanation().text())
                .contains(
                        "决算数大于年初预算数。主要原因：追加了项目支出。其中：",
                        "完成年初预算的73.88%，决算数小于年初预算数。主要原因：人员减少。",
                        "“三公”经费财政拨款支出决算数小于预算数的主要原因：厉行节约。",
                        "开支培训费2.60万元，用于开展全区文化系统业务培训，人数130人；");
    }

    @Test
    void aZeroOpeningBudgetSwitchesToTheFullYearBudget() {
        Posting increase = new Posting(
                "DEMO-WLJ-2020-90001",
                "test",
                "DEMO-WLJ",
                2020,
                PostingType.BUDGET,
                FundSource.GENERAL_BUDGET,
                "2070104",
                null,
                null,
                BudgetStage.INCREASE,
                Money.parse("500000.00"),
                LocalDate.of(2020, 6, 1),
                "预算调增",
                null,
                null,
                null,
                null);
        ReportFixtures adjusted = new ReportFixtures(Fixtures.DEMO_WLJ, List.of(increase));
        Map<String, Long> figures = adjusted.figures();
        String text = ReportBuilder.build(adjusted.input(Optional.empty(), Map.of()))
                .explanation()
                .text();
        String rate = TextNumbers.OFFICIAL.percent(figures.get("05/2070104/subtotal"), 50_000_000L);
        assertThat(text)
                .contains("2、文化旅游体育与传媒支出（类）文化和旅游（款）图书馆（项）。\n" + "年初预算为0.00万元，全年预算为50.00万元，支出决算为115.10万元，完成全年预算的" + rate
                        + "%，决算数大于全年预算数。");

        // the whole department without opening budgets: the total sentence switches too, never 完成年初预算
        Map<String, Long> noOpening = new HashMap<>(figures);
        noOpening.keySet().removeIf(k -> k.startsWith("facts/budget.") && k.endsWith("/initial"));
        String switched = ReportBuilder.build(adjusted.input(noOpening, Optional.empty(), Map.of()))
                .explanation()
                .text();
        assertThat(switched)
                .contains("2020年度财政拨款支出年初预算为0.00万元，全年预算为329.50万元，支出决算为582.85万元，完成全年预算的"
                        + TextNumbers.OFFICIAL.percent(figures.get("05/total/subtotal"), 329_500_000L)
                        + "%，决算数大于全年预算数。")
                .doesNotContain("完成年初预算");
    }
}
