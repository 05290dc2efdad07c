package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The seed's office (2019): the report reproduces the seed's tables and 情况说明. */
class HetangReportTest {

    static final String UNIT = "中共株洲市荷塘区委网络安全和信息化委员会办公室";
    /** The seed's own cause for having nothing to compare with (its narrative.json): the office was founded in 2019. */
    static final String NEW_UNIT = "因为本年机构改革，我单位为新成立的单位，所以无上年可比较数据。";

    private final ReportFixtures fixtures = new ReportFixtures(Fixtures.HETANG);
    private final Report report = ReportBuilder.build(fixtures.input(Optional.empty(), Map.of()));

    private String text() {
        return report.explanation().text();
    }

    @Test
    void theTemplateIsTheSeedsAndTheCoverNamesUnitAndYear() {
        assertThat(report.templateId()).isEqualTo("hunan-county-2019");
        assertThat(report.unitName()).isEqualTo(UNIT);
        assertThat(report.coverTitle()).isEqualTo("2019年度部门决算");
        assertThat(report.tables().tables())
                .extracting(ReportTable::number)
                .containsExactly("公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开07表", "公开08表");
        assertThat(report.other()).isEmpty();
        assertThat(report.contents())
                .extracting(ContentsEntry::text)
                .contains(
                        "第一部分" + UNIT + "概况",
                        "第二部分2019年度部门决算表",
                        "一、收入支出决算总表",
                        "七、一般公共预算财政拨款“三公”经费支出决算表",
                        "第三部分2019年度部门决算情况说明",
                        "九、预算绩效情况说明",
                        "十、其他重要事项情况说明",
                        "第四部分名词解释")
                .doesNotContain("第五部分其他");
    }

    @Test
    void overviewHasDutiesStaffingAndConstituents() {
        String overview = report.overview().text();
        assertThat(report.overview().title()).isEqualTo(UNIT + "概况");
        assertThat(overview)
                .contains(
                        "一、部门职责",
                        "贯彻执行国家、省、市有关网络安全与信息化建设的方针",
                        "本单位共有行政编制3名，实有人数3人，其中：在职人员3人，离休0人，退休0人。",
                        UNIT + "2019年度部门决算汇总公开单位构成包括：" + UNIT + "本级。");
        assertThat(report.constituentUnits()).containsExactly(UNIT + "本级");

        Report overridden = ReportBuilder.build(fixtures.input(Optional.empty(), Map.of("duties", "新的职责。")));
        assertThat(overridden.overview().sections().get(0).paragraphs()).containsExactly("新的职责。");
    }

    @Test
    void theExplanationCarriesTheSeedsFiguresAndShares() {
        assertThat(text())
                .contains(
                        "本年收入合计30.74万元",
                        "财政拨款收入30.74万元，占100%",
                        "一般公共服务（类）支出25.25万元，占82.14%",
                        "科学技术（类）支出5.49万元，占17.86%",
                        "人员经费18.61万元，占基本支出的60.54%",
                        "公用经费12.13万元，占基本支出的39.46%",
                        "公务接待费支出决算为0.06万元",
                        "全年共接待来访团组1个、来宾5人次",
                        "机关运行经费支出12.13万元",
                        "开支培训费0.1万元",
                        "人数90人",
                        "2019年度收入总计30.74万元。无上年可比较数据。",
                        "无2019年度财政拨款支出年初预算数据，支出决算数为30.74万元，其中：",
                        "2、科学技术支出（类）科学技术管理事务（款）其他科学技术管理事务支出（项）。");
        assertThat(text()).doesNotContain("完成年初预算", " ", "null", "{");
    }

    /** Without the unit's own words, nothing to compare with is said plainly: no cause is invented. */
    @Test
    void withoutNarrativeNoCauseIsGiven() {
        assertThat(text())
                .doesNotContain("机构改革", "新成立", "所以")
                .contains(
                        "2019年度财政拨款收入总计30.74万元，无上年可比较数据。",
                        "无2019年度财政拨款支出年初预算数据，支出决算数为30.74万元，其中：",
                        "支出决算为25.25万元，无年初预算可比较数据。",
                        "无“三公”经费财政拨款支出预算数。",
                        "因公出国（境）费支出决算为0万元，无财政拨款支出预算可比较数据，无上年可比较数据。",
                        "本部门2019年度机关运行经费支出12.13万元，无年初预算可比较数据。");
    }

    @Test
    void everySectionOfThe2019OutlineIsThere() {
        assertThat(report.explanation().sections())
                .extracting(Section::heading)
                .containsExactly(
                        "一、收入支出决算总体情况说明",
                        "二、收入决算情况说明",
                        "三、支出决算情况说明",
                        "四、财政拨款收入支出决算总体情况说明",
                        "五、一般公共预算财政拨款支出决算情况说明",
                        "六、一般公共预算财政拨款基本支出决算情况说明",
                        "七、一般公共预算财政拨款三公经费支出决算情况说明",
                        "八、政府性基金预算收入支出决算情况",
                        "九、关于2019年度预算绩效情况说明",
                        "十、其他重要事项情况说明");
        Section other = report.explanation().sections().get(9);
        // no narrative: 十(五) 其他 is left out, 九 says 无
        assertThat(other.subsections())
                .extracting(Section::heading)
                .containsExactly("（一）机关运行经费支出情况", "（二）一般性支出情况", "（三）政府采购支出情况", "（四）国有资产占用情况");
        assertThat(report.explanation().sections().get(8).paragraphs()).containsExactly("无。");
    }

    /** With the seed's free text as narrative, 第三部分 is the seed's text (spaces of the PDF extraction removed). */
    @Test
    void withTheSeedsFreeTextTheExplanationIsTheSeeds() {
        Map<String, String> narrative =
                new java.util.HashMap<>(Fixtures.of(Fixtures.HETANG).narrative());
        assertThat(narrative).containsKey("reasons.noComparison");
        narrative.putAll(Map.of(
                "purposes.training", "荷塘区网络安全知识培训会暨微信盟主群主交流座谈会",
                "purposes.reception", "韶山市委网信办学习考察网上群众路线等相关工作发生的接待支出",
                "performance",
                        "（一）预算绩效管理工作开展情况\n根据预算绩效管理要求，本单位对2019年度单位整体支出开展了绩效自评。\n"
                                + "（二）部门决算中项目绩效自评结果\n2019年度，本单位围绕区委、区政府的工作大局开展工作。",
                "other", "本单位没有独立网站，因此只在财政局部门决算公开专栏中公开。",
                "performance.report", "2019年度部门整体支出绩效自评报告\n一、预算单位基本情况",
                "contact", "以上信息由本单位负责接受公众询问。"));
        Report seeded = ReportBuilder.build(fixtures.input(Optional.empty(), narrative));
        assertThat(seeded.explanation().text()).isEqualTo(SEED_EXPLANATION.strip());
        assertThat(seeded.other()).hasValueSatisfying(o -> {
            assertThat(o.number()).isEqualTo("第五部分");
            assertThat(o.title()).isEqualTo("其他");
            assertThat(o.text()).isEqualTo("2019年度部门整体支出绩效自评报告\n一、预算单位基本情况");
        });
        assertThat(seeded.contact()).contains("以上信息由本单位负责接受公众询问。");
    }

    @Test
    void table01HasTheSeedsRowsValuesAndLineNumbers() {
        ReportTable t = report.table("01").orElseThrow();
        assertThat(t.title()).isEqualTo("收入支出决算总表");
        assertThat(t.department()).isEqualTo("部门：" + UNIT);
        assertThat(t.unit()).isEqualTo("单位：万元");
        assertThat(t.headerGrid().text())
                .containsExactly(
                        List.of("收入", "", "", "支出", "", ""),
                        List.of("项 目", "行次", "决算数", "项 目", "行次", "决算数"),
                        List.of("栏 次", "", "1", "栏 次", "", "2"));
        assertThat(t.bodyGrid().text())
                .containsExactly(
                        List.of("一、一般公共预算财政拨款收入", "1", "30.74", "一、一般公共服务支出", "14", "25.25"),
                        List.of("二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "15", ""),
                        List.of("三、上级补助收入", "3", "", "三、国防支出", "16", ""),
                        List.of("四、事业收入", "4", "", "四、公共安全支出", "17", ""),
                        List.of("五、经营收入", "5", "", "五、教育支出", "18", ""),
                        List.of("六、附属单位上缴收入", "6", "", "六、科学技术支出", "19", "5.49"),
                        List.of("七、其他收入", "7", "", "七、.....", "20", ""),
                        List.of("", "8", "", "", "21", ""),
                        List.of("本年收入合计", "9", "30.74", "本年支出合计", "22", "30.74"),
                        List.of("用事业基金弥补收支差额", "10", "", "结余分配", "23", ""),
                        List.of("年初结转和结余", "11", "", "年末结转和结余", "24", ""),
                        List.of("", "12", "", "", "25", ""),
                        List.of("总计", "13", "30.74", "总计", "26", "30.74"));
        assertThat(t.note()).isEqualTo("注：本表反映部门本年度的总收支和年末结转结余情况。");
    }

    @Test
    void tables020305PrintTheNonZeroCodesWithTheCataloguesNames() {
        assertThat(report.table("02").orElseThrow().bodyGrid().text())
                .containsExactly(
                        row(List.of("合计", "", "30.74", "30.74"), 5),
                        row(List.of("201", "一般公共服务支出", "25.25", "25.25"), 5),
                        row(List.of("20137", "网信事务", "25.25", "25.25"), 5),
                        row(List.of("2013701", "行政运行", "25.25", "25.25"), 5),
                        row(List.of("206", "科学技术支出", "5.49", "5.49"), 5),
                        row(List.of("20601", "科学技术管理事务", "5.49", "5.49"), 5),
                        row(List.of("2060199", "其他科学技术管理事务支出", "5.49", "5.49"), 5));
        assertThat(report.table("03").orElseThrow().row("2060199"))
                .contains(row(List.of("2060199", "其他科学技术管理事务支出", "5.49", "5.49"), 4));
        assertThat(report.table("05").orElseThrow().bodyGrid().text())
                .containsExactly(
                        List.of("合计", "", "30.74", "30.74", ""),
                        List.of("201", "一般公共服务支出", "25.25", "25.25", ""),
                        List.of("20137", "网信事务", "25.25", "25.25", ""),
                        List.of("2013701", "行政运行", "25.25", "25.25", ""),
                        List.of("206", "科学技术支出", "5.49", "5.49", ""),
                        List.of("20601", "科学技术管理事务", "5.49", "5.49", ""),
                        List.of("2060199", "其他科学技术管理事务支出", "5.49", "5.49", ""));
        assertThat(report.table("05").orElseThrow().headerGrid().text())
                .containsExactly(
                        List.of("项 目", "", "本年支出", "", ""),
                        List.of("功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"),
                        List.of("栏次", "", "1", "2", "3"));
    }

    private static List<String> row(List<String> start, int blanks) {
        List<String> row = new java.util.ArrayList<>(start);
        for (int i = 0; i < blanks; i++) {
            row.add("");
        }
        return row;
    }

    @Test
    void table04HasTheSeedsLineNumbers() {
        ReportTable t = report.table("04").orElseThrow();
        List<List<String>> body = t.bodyGrid().text();
        assertThat(body).hasSize(14);
        assertThat(body.get(0)).containsExactly("一、一般公共预算财政拨款", "1", "30.74", "一、一般公共服务支出", "15", "25.25", "25.25", "");
        assertThat(body.get(6)).containsExactly("", "7", "", "七、...", "21", "", "", "");
        assertThat(body.get(8)).containsExactly("本年收入合计", "9", "30.74", "本年支出合计", "23", "30.74", "30.74", "");
        assertThat(body.get(9)).containsExactly("年初财政拨款结转和结余", "10", "", "年末财政拨款结转和结余", "24", "", "", "");
        assertThat(body.get(11)).containsExactly("二、政府性基金预算财政拨款", "12", "", "", "26", "", "", "");
        assertThat(body.get(13)).containsExactly("总计", "14", "30.74", "总计", "28", "30.74", "30.74", "");
    }

    @Test
    void table06HasTheSeedsThreeColumnGroups() {
        ReportTable t = report.table("06").orElseThrow();
        List<List<String>> body = t.bodyGrid().text();
        assertThat(body).hasSize(29);
        assertThat(body.get(0))
                .containsExactly("301", "工资福利支出", "18.61", "302", "商品和服务支出", "9.27", "307", "债务利息及费用支出", "");
        assertThat(body.get(3)).containsExactly("30103", "奖金", "3.05", "30203", "咨询费", "", "310", "资本性支出", "2.86");
        assertThat(body.get(5).subList(6, 9)).containsExactly("31002", "办公设备购置", "2.86");
        assertThat(body.get(14).subList(0, 3)).containsExactly("303", "对个人和家庭的补助", "");
        assertThat(body.get(15).subList(3, 6)).containsExactly("30216", "培训费", "0.10");
        assertThat(body.get(16).subList(3, 6)).containsExactly("30217", "公务接待费", "0.06");
        assertThat(body.get(25)).containsExactly("30399", "对其他个人和家庭的补助支出", "", "30239", "其他交通费用", "1.74", "", "", "");
        assertThat(body.get(27).subList(3, 6)).containsExactly("30299", "其他商品和服务支出", "0.03");
        assertThat(body.get(28)).containsExactly("人员经费合计", "", "18.61", "公用经费合计", "", "", "", "", "12.13");
    }

    @Test
    void table07PrintsNoBudgetAndZeroActuals() {
        ReportTable t = report.table("07").orElseThrow();
        assertThat(t.bodyGrid().text())
                .containsExactly(List.of("无", "", "", "", "", "", "0.06", "0", "0", "0", "0", "0.06"));
        assertThat(t.body().get(0).get(0)).isEqualTo(new Cell("无", 6, 1, false));
        assertThat(t.headerGrid().text().get(3))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
    }

    @Test
    void anEmpty08PrintsZerosAndTheSeedsStatement() {
        ReportTable t = report.table("08").orElseThrow();
        assertThat(t.bodyGrid().text()).containsExactly(List.of("合计", "", "0", "0", "0", "0", "0", "0"));
        assertThat(t.emptyStatement()).contains(UNIT + "没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据");
        assertThat(report.table("02").orElseThrow().emptyStatement()).isEmpty();
    }

    @Test
    void theGlossaryIsTheSeeds() {
        List<String> entries = report.glossary().sections().get(0).paragraphs();
        assertThat(entries).hasSize(8);
        assertThat(entries.get(0)).isEqualTo("一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。");
        assertThat(entries.get(7)).startsWith("八、机关运行经费支出：是指各部门的公用经费");
    }

    static final String SEED_EXPLANATION = """
            一、收入支出决算总体情况说明
            2019年度收入总计30.74万元。因为本年机构改革，我单位为新成立的单位，所以无上年可比较数据。
            2019年度支出总计30.74万元。因为本年机构改革，我单位为新成立的单位，所以无上年可比较数据。
            二、收入决算情况说明
            本年收入合计30.74万元，其中：财政拨款收入30.74万元，占100%；上级补助收入0万元，占0%；事业收入0万元，占0%；经营收入0万元，占0%；附属单位上缴收入0万元，占0%；其他收入0万元，占0%。
            三、支出决算情况说明
            本年支出合计30.74万元，其中：基本支出30.74万元，占100%；项目支出0万元，占0%；上缴上级支出0万元，占0%；经营支出0万元，占0%；对附属单位补助支出0万元，占0%。
            四、财政拨款收入支出决算总体情况说明
            2019年度财政拨款收入总计30.74万元，因为本年机构改革，我单位为新成立的单位，所以无上年可比较数据。
            2019年度财政拨款支出总计30.74万元，因为本年机构改革，我单位为新成立的单位，所以无上年可比较数据。
            五、一般公共预算财政拨款支出决算情况说明
            （一）财政拨款支出决算总体情况
            2019年度财政拨款支出30.74万元，占本年支出合计的100%，因为本年机构改革，我单位为新成立的单位，所以无上年可比较数据。
            （二）财政拨款支出决算结构情况
            2019年度财政拨款支出30.74万元，主要用于以下方面：一般公共服务（类）支出25.25万元，占82.14%；科学技术（类）支出5.49万元，占17.86%。
            （三）财政拨款支出决算具体情况
            因为本年机构改革，我单位为新成立的单位，无2019年度财政拨款支出年初预算数据，支出决算数为30.74万元，其中：
            1、一般公共服务支出（类）网信事务（款）行政运行（项）。
            支出决算为25.25万元，因为本年机构改革，我单位为新成立的单位，所以无年初预算可比较数据。
            2、科学技术支出（类）科学技术管理事务（款）其他科学技术管理事务支出（项）。
            支出决算为5.49万元，因为本年机构改革，我单位为新成立的单位，所以无年初预算可比较数据。
            六、一般公共预算财政拨款基本支出决算情况说明
            2019年度财政拨款基本支出30.74万元，其中：人员经费18.61万元，占基本支出的60.54%，主要包括基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、职工基本医疗保险缴费、其他社会保障缴费、住房公积金、医疗费、其他工资福利支出；公用经费12.13万元，占基本支出的39.46%，主要包括办公费、印刷费、差旅费、培训费、公务接待费、劳务费、委托业务费、工会经费、福利费、其他交通费用、其他商品和服务支出、办公设备购置。
            七、一般公共预算财政拨款三公经费支出决算情况说明
            （一）“三公”经费财政拨款支出决算总体情况说明
            因为本年机构改革，我单位为新成立的单位，所以无“三公”经费财政拨款支出预算数。“三公”经费财政拨款支出决算为0.06万元，其中：
            因公出国（境）费支出决算为0万元，因为本年机构改革，我单位为新成立的单位，所以无财政拨款支出预算可比较数据，无上年可比较数据。
            公务接待费支出决算为0.06万元，因为本年机构改革，我单位为新成立的单位，所以无财政拨款支出预算可比较数据，无上年可比较数据。
            公务用车购置费及运行维护费支出决算为0万元，因为本年机构改革，我单位为新成立的单位，所以无财政拨款支出预算可比较数据，无上年可比较数据。
            （二）“三公”经费财政拨款支出决算具体情况说明
            2019年度“三公”经费财政拨款支出决算中，公务接待费支出决算0.06万元，占100%，因公出国（境）费支出决算0万元，占0%，公务用车购置费及运行维护费支出决算0万元，占0%。其中：
            1、因公出国（境）费支出决算为0万元，全年安排因公出国（境）团组0个，累计0人次，我单位全年无因公出国（境）费用支出。
            2、公务接待费支出决算为0.06万元，全年共接待来访团组1个、来宾5人次，主要是韶山市委网信办学习考察网上群众路线等相关工作发生的接待支出。
            3、公务用车购置费及运行维护费支出决算为0万元，其中：公务用车购置费0万元，中共株洲市荷塘区委网络安全和信息化委员会办公室更新公务用车0辆。公务用车运行维护费0万元，截止2019年12月31日，我单位开支财政拨款的公务用车保有量为0辆。
            八、政府性基金预算收入支出决算情况
            2019年度政府性基金预算财政拨款收入0万元；年初结转和结余0万元；支出0万元，其中基本支出0万元，项目支出0万元；年末结转和结余0万元。2019年度，本单位无政府性基金收支。
            九、关于2019年度预算绩效情况说明
            （一）预算绩效管理工作开展情况
            根据预算绩效管理要求，本单位对2019年度单位整体支出开展了绩效自评。
            （二）部门决算中项目绩效自评结果
            2019年度，本单位围绕区委、区政府的工作大局开展工作。
            十、其他重要事项情况说明
            （一）机关运行经费支出情况
            本部门2019年度机关运行经费支出12.13万元，因为本年机构改革，我单位为新成立的单位，无年初预算可比较数据。
            （二）一般性支出情况
            2019年度本部门开支会议费0万元；开支培训费0.1万元，用于开展荷塘区网络安全知识培训会暨微信盟主群主交流座谈会，人数90人；未举办节庆、晚会、论坛、赛事活动，开支0万元。
            （三）政府采购支出情况
            本部门2019年度政府采购支出总额0万元，其中：政府采购货物支出0万元、政府采购工程支出0万元、政府采购服务支出0万元。授予中小企业合同金额0万元，占政府采购支出总额的0%，其中：授予小微企业合同金额0万元，占政府采购支出总额的0%。
            （四）国有资产占用情况
            截至2019年12月31日，本单位共有车辆0辆，其中，领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、其他用车0辆；单位价值50万元以上通用设备0台（套）；单位价值100万元以上专用设备0台（套）。
            （五）其他
            本单位没有独立网站，因此只在财政局部门决算公开专栏中公开。
            """;
}
