package org.budgetledger.projection.report.domain;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.report.domain.TableSpec.Block;
import org.budgetledger.projection.report.domain.TableSpec.Classes;
import org.budgetledger.projection.report.domain.TableSpec.Coded;
import org.budgetledger.projection.report.domain.TableSpec.Fixed;
import org.budgetledger.projection.report.domain.TableSpec.Line;
import org.budgetledger.projection.report.domain.Template.Topic;

/**
 * The shipped templates, as data. {@link #HUNAN_2019}: the Hunan county template the seed (荷塘区委网信办 2019) prints,
 * for fiscal years up to 2019. {@link #HUNAN_2020}: the same from 2020 plus 国有资本经营预算 (01 and 04 rows and
 * column, 公开09表 with 08's columns, a 情况说明 section after 政府性基金).
 */
public final class Templates {

    private Templates() {}

    // ---------------------------------------------------------------- tables

    private static final List<Coded> FIXED_CLASSES = List.of(
            new Coded("201", "一般公共服务支出"),
            new Coded("202", "外交支出"),
            new Coded("203", "国防支出"),
            new Coded("204", "公共安全支出"),
            new Coded("205", "教育支出"),
            new Coded("206", "科学技术支出"));

    private static Cell h(String text) {
        return Cell.text(text);
    }

    private static Cell h(String text, int colSpan, int rowSpan) {
        return Cell.span(text, colSpan, rowSpan);
    }

    private static Fixed line(String label, String... keys) {
        return new Fixed(label, List.of(keys));
    }

    private static String k01(String row) {
        return CellKeys.amount(CellKeys.T01, row);
    }

    private static TableSpec table01(boolean stateCapital) {
        List<Line> income = new ArrayList<>();
        income.add(line("一、一般公共预算财政拨款收入", k01("income.general_budget")));
        income.add(line("二、政府性基金预算财政拨款收入", k01("income.government_fund")));
        String[] others = {"上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"};
        String[] words = {"superior_subsidy", "operating", "business", "affiliate_remittance", "other"};
        int n = 3;
        if (stateCapital) {
            income.add(line("三、国有资本经营预算财政拨款收入", k01("income.state_capital")));
            n = 4;
        }
        for (int i = 0; i < others.length; i++) {
            income.add(line(Numerals.of(n + i) + "、" + others[i], k01("income." + words[i])));
        }
        return new TableSpec.Summary(
                "01",
                "公开01表",
                "收入支出决算总表",
                "注：本表反映部门本年度的总收支和年末结转结余情况。",
                6,
                List.of(
                        List.of(h("收入", 3, 1), h("支出", 3, 1)),
                        List.of(h("项 目"), h("行次"), h("决算数"), h("项 目"), h("行次"), h("决算数")),
                        List.of(h("栏 次"), h(""), h("1"), h("栏 次"), h(""), h("2"))),
                1,
                1,
                true,
                List.of(
                        new Block(
                                income,
                                List.of(new Classes(FIXED_CLASSES, ".....", List.of(CellKeys.expenditure01("{code}")))),
                                8),
                        new Block(
                                List.of(line("本年收入合计", k01("income.total"))),
                                List.of(line("本年支出合计", k01("expenditure.total"))),
                                1),
                        new Block(
                                List.of(
                                        line("用事业基金弥补收支差额", k01("income.business_fund_offset")),
                                        line("年初结转和结余", k01("income.opening_balance"))),
                                List.of(
                                        line("结余分配", k01("expenditure.surplus_distribution")),
                                        line("年末结转和结余", k01("expenditure.closing_balance"))),
                                3),
                        new Block(
                                List.of(line("总计", k01("income.grand_total"))),
                                List.of(line("总计", k01("expenditure.grand_total"))),
                                1)));
    }

    private static TableSpec table04(boolean stateCapital) {
        List<String> budgets = new ArrayList<>(List.of("general_budget", "government_fund"));
        List<String> labels = new ArrayList<>(List.of("一般公共预算财政拨款", "政府性基金预算财政拨款"));
        if (stateCapital) {
            budgets.add("state_capital");
            labels.add("国有资本经营预算财政拨款");
        }
        List<String> columns = new ArrayList<>(List.of("total"));
        columns.addAll(budgets);
        List<Line> income = new ArrayList<>();
        List<Line> opening = new ArrayList<>(List.of(line("年初财政拨款结转和结余", CellKeys.OPENING_BALANCE_04)));
        for (int i = 0; i < budgets.size(); i++) {
            income.add(line(Numerals.of(i + 1) + "、" + labels.get(i), CellKeys.income(CellKeys.T04, budgets.get(i))));
            opening.add(line(Numerals.of(i + 1) + "、" + labels.get(i), CellKeys.openingBalance04(budgets.get(i))));
        }
        List<Cell> titles = new ArrayList<>(List.of(h("项 目"), h("行次"), h("金 额"), h("项 目"), h("行次"), h("合 计")));
        List<Cell> numbers = new ArrayList<>(List.of(h("栏 次"), h(""), h("1"), h("栏 次"), h(""), h("2")));
        for (int i = 0; i < labels.size(); i++) {
            titles.add(h(labels.get(i)));
            numbers.add(h(String.valueOf(i + 3)));
        }
        String note = stateCapital
                ? "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。"
                : "注：本表反映部门本年度一般公共预算财政拨款和政府性基金预算财政拨款的总收支和年末结转结余情况。";
        return new TableSpec.Summary(
                "04",
                "公开04表",
                "财政拨款收入支出决算总表",
                note,
                5 + columns.size(),
                List.of(List.of(h("收入", 3, 1), h("支出", 2 + columns.size(), 1)), titles, numbers),
                1,
                columns.size(),
                true,
                List.of(
                        new Block(
                                income,
                                List.of(new Classes(
                                        FIXED_CLASSES,
                                        "...",
                                        columns.stream()
                                                .map(c -> CellKeys.expenditure04("{code}", c))
                                                .toList())),
                                8),
                        new Block(
                                List.of(line("本年收入合计", CellKeys.INCOME_TOTAL_04)),
                                List.of(expense04("本年支出合计", "expenditure.total", columns)),
                                1),
                        new Block(
                                opening,
                                List.of(expense04("年末财政拨款结转和结余", "expenditure.closing_balance", columns)),
                                opening.size() + 1),
                        new Block(
                                List.of(line("总计", CellKeys.INCOME_GRAND_TOTAL_04)),
                                List.of(expense04("总计", "expenditure.grand_total", columns)),
                                1)));
    }

    private static Fixed expense04(String label, String row, List<String> columns) {
        return new Fixed(
                label,
                columns.stream().map(c -> CellKeys.key(CellKeys.T04, row, c)).toList());
    }

    private static List<List<Cell>> functionalHeader(List<String> titles, List<Cell> groupRow) {
        List<Cell> first = new ArrayList<>(List.of(h("项 目", 2, 1)));
        first.addAll(groupRow);
        List<Cell> numbers = new ArrayList<>(List.of(h("栏次", 2, 1)));
        for (int i = 1; i <= titles.size(); i++) {
            numbers.add(h(String.valueOf(i)));
        }
        List<Cell> second = new ArrayList<>(List.of(h("功能分类科目编码"), h("科目名称")));
        return List.of(first, second, numbers);
    }

    private static List<Cell> rowSpanned(List<String> titles) {
        return titles.stream().map(t -> h(t, 1, 2)).toList();
    }

    private static TableSpec table02() {
        List<String> titles = List.of("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入");
        return new TableSpec.Functional(
                "02",
                "公开02表",
                "收入决算表",
                "注：本表反映部门本年度取得的各项收入情况。",
                9,
                functionalHeader(titles, rowSpanned(titles)),
                CellKeys.COLUMNS_02,
                "合计",
                "",
                Optional.empty());
    }

    private static TableSpec table03() {
        List<String> titles = List.of("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出");
        return new TableSpec.Functional(
                "03",
                "公开03表",
                "支出决算表",
                "注：本表反映部门本年度各项支出情况。",
                8,
                functionalHeader(titles, rowSpanned(titles)),
                CellKeys.COLUMNS_03,
                "合计",
                "",
                Optional.empty());
    }

    private static TableSpec table05() {
        List<String> titles = List.of("小计", "基本支出", "项目支出");
        List<List<Cell>> header = functionalHeader(titles, List.of(h("本年支出", 3, 1)));
        List<Cell> second = new ArrayList<>(header.get(1));
        titles.forEach(t -> second.add(h(t)));
        return new TableSpec.Functional(
                "05",
                "公开05表",
                "一般公共预算财政拨款支出决算表",
                "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
                5,
                List.of(header.get(0), second, header.get(2)),
                CellKeys.COLUMNS_05,
                "合计",
                "",
                Optional.empty());
    }

    private static TableSpec fundTable(String id, String title, String note, String statement) {
        List<String> titles = List.of("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余");
        List<List<Cell>> header = functionalHeader(
                titles, List.of(h("年初结转和结余", 1, 2), h("本年收入", 1, 2), h("本年支出", 3, 1), h("年末结转和结余", 1, 2)));
        List<Cell> second = new ArrayList<>(header.get(1));
        second.addAll(List.of(h("小计"), h("基本支出"), h("项目支出")));
        return new TableSpec.Functional(
                id,
                "公开" + id + "表",
                title,
                note,
                8,
                List.of(header.get(0), second, header.get(2)),
                CellKeys.COLUMNS_08,
                "合计",
                "0",
                Optional.of(statement));
    }

    private static List<Coded> codes(String... pairs) {
        List<Coded> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(new Coded(pairs[i], pairs[i + 1]));
        }
        return out;
    }

    /** 06 as the seed prints it (names: the seed's; the catalogue's name is printed when it has one). */
    private static TableSpec table06() {
        // spotless:off — code and name pairs, as the table prints them
        List<Coded> personnel = codes(
                "301", "工资福利支出", "30101", "基本工资", "30102", "津贴补贴", "30103", "奖金", "30106", "伙食补助费",
                "30107", "绩效工资", "30108", "机关事业单位基本养老保险费", "30109", "职业年金缴费", "30110", "职工基本医疗保险缴费",
                "30111", "公务员医疗补助缴费", "30112", "其他社会保障缴费", "30113", "住房公积金", "30114", "医疗费",
                "30199", "其他工资福利支出",
                "303", "对个人和家庭的补助", "30301", "离休费", "30302", "退休费", "30303", "退职（役）费", "30304", "抚恤金",
                "30305", "生活补助", "30306", "救济费", "30307", "医疗费补助", "30308", "助学金", "30309", "奖励金",
                "30310", "个人农业生产补贴", "30399", "对其他个人和家庭的补助支出");
        List<Coded> goods = codes(
                "302", "商品和服务支出", "30201", "办公费", "30202", "印刷费", "30203", "咨询费", "30204", "手续费",
                "30205", "水费", "30206", "电费", "30207", "邮电费", "30208", "取暖费", "30209", "物业管理费",
                "30211", "差旅费", "30212", "因公出国（境）费用", "30213", "维修（护）费", "30214", "租赁费", "30215", "会议费",
                "30216", "培训费", "30217", "公务接待费", "30218", "专用材料费", "30224", "被装购置费", "30225", "专用燃料费",
                "30226", "劳务费", "30227", "委托业务费", "30228", "工会经费", "30229", "福利费", "30231", "公务用车运行维护费",
                "30239", "其他交通费用", "30240", "税金及附加费用", "30299", "其他商品和服务支出");
        List<Coded> capital = codes(
                "307", "债务利息及费用支出", "30701", "国内债务付息", "30702", "国外债务付息",
                "310", "资本性支出", "31001", "房屋建筑物购建", "31002", "办公设备购置", "31003", "专用设备购置",
                "31005", "基础设施建设", "31006", "大型修缮", "31007", "信息网络及软件购置更新", "31008", "物资储备",
                "31009", "土地补偿", "31010", "安置补助", "31011", "地上附着物和青苗补偿", "31012", "拆迁补偿",
                "31013", "公务用车购置", "31019", "其他交通工具购置", "31021", "文物和陈列品购置", "31022", "无形资产购置",
                "31099", "其他资本性支出",
                "399", "其他支出", "39906", "赠与", "39907", "国家赔偿费用支出", "39908", "对民间非营利组织和群众性自治组织补贴",
                "39999", "其他支出");
        // spotless:on
        List<Cell> header = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            header.addAll(List.of(h("经济分类科目编码"), h("科目名称"), h("决算数")));
        }
        return new TableSpec.Economic(
                "06",
                "公开06表",
                "一般公共预算财政拨款基本支出决算表",
                "注：本表反映部门年度一般公共预算财政拨款基本支出明细情况。",
                9,
                List.of(header),
                List.of(personnel, goods, capital),
                2,
                List.of("301", "303"),
                "人员经费合计",
                "公用经费合计");
    }

    private static TableSpec table07() {
        List<Cell> first = List.of(h("预算数", 6, 1), h("决算数", 6, 1));
        List<Cell> second = new ArrayList<>();
        List<Cell> third = new ArrayList<>();
        List<Cell> numbers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            second.addAll(List.of(h("合计", 1, 2), h("因公出国（境）费", 1, 2), h("公务用车购置及运行费", 3, 1), h("公务接待费", 1, 2)));
            third.addAll(List.of(h("小计"), h("公务用车购置费"), h("公务用车运行费")));
        }
        for (int i = 1; i <= 12; i++) {
            numbers.add(h(String.valueOf(i)));
        }
        return new TableSpec.Sangong(
                "07",
                "公开07表",
                "一般公共预算财政拨款“三公”经费支出决算表",
                "注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；" + "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
                12,
                List.of(first, second, third, numbers),
                CellKeys.ITEMS_07,
                "无",
                "0");
    }

    private static TableSpec table08() {
        return fundTable(
                "08",
                "政府性基金预算财政拨款收入支出决算表",
                "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况",
                "{单位}没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据");
    }

    private static TableSpec table09() {
        return fundTable(
                "09",
                "国有资本经营预算财政拨款收入支出决算表",
                "注：本表反映部门本年度国有资本经营预算财政拨款收入、支出及结转和结余情况。",
                "{单位}没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据");
    }

    // ---------------------------------------------------------------- wording

    private static final Map<String, String> WORDING_2019 = Map.ofEntries(
            entry("cover.title", "{Y}年度部门决算"),
            entry("contents.title", "目录"),
            entry("part.overview.number", "第一部分"),
            entry("part.overview.title", "{单位}概况"),
            entry("part.tables.number", "第二部分"),
            entry("part.tables.title", "{Y}年度部门决算表"),
            entry("part.explanation.number", "第三部分"),
            entry("part.explanation.title", "{Y}年度部门决算情况说明"),
            entry("part.glossary.number", "第四部分"),
            entry("part.glossary.title", "名词解释"),
            entry("part.other.number", "第五部分"),
            entry("part.other.title", "其他"),
            entry("overview.duties.heading", "一、部门职责"),
            entry("overview.organization.heading", "二、机构设置及决算单位构成"),
            entry("overview.organization.contents", "二、机构设置"),
            entry("overview.institutions.heading", "（一）内设机构设置"),
            entry("overview.constituents.heading", "（二）决算单位构成"),
            entry("overview.organization", "我单位属于{kind}，现有预算单位{n}个。"),
            entry(
                    "overview.staffing",
                    "本单位共有行政编制{authorized}名，实有人数{actual}人，其中：在职人员{active}人，离休{retiredCadres}人，退休{retired}人。"),
            entry("overview.kind.ADMINISTRATIVE", "行政单位"),
            entry("overview.kind.CIVIL_SERVICE_MANAGED", "参照公务员法管理事业单位"),
            entry("overview.kind.PUBLIC_INSTITUTION", "事业单位"),
            entry("overview.kind.OTHER", "其他单位"),
            entry("overview.constituents", "{单位}{Y}年度部门决算汇总公开单位构成包括：{units}。"),
            entry("overview.constituents.self", "{单位}本级"),
            entry("overview.none", "无。"),
            entry("table.department", "部门：{单位}"),
            entry("table.unit", "单位：万元"),
            // comparisons
            // the unit's own cause (narrative reasons.noComparison), never one of ours: most units new to the system
            // are not new
            entry("cause", "{text}，"),
            entry("cause.therefore", "所以"),
            entry("none.previous", "无上年可比较数据"),
            entry("cmp.with.increase", "与{prevY}年度相比，增加{A}万元，增长{P}%"),
            entry("cmp.with.increase.noBase", "与{prevY}年度相比，增加{A}万元"),
            entry("cmp.with.decrease", "与{prevY}年度相比，减少{A}万元，下降{P}%"),
            entry("cmp.with.flat", "与{prevY}年度持平"),
            entry("cmp.than.increase", "比{prevY}年度增加{A}万元，增长{P}%"),
            entry("cmp.than.increase.noBase", "比{prevY}年度增加{A}万元"),
            entry("cmp.than.decrease", "比{prevY}年度减少{A}万元，下降{P}%"),
            entry("cmp.than.flat", "与{prevY}年度持平"),
            entry("reason", "主要原因：{text}。"),
            entry("budget.more", "决算数大于{stage}预算数"),
            entry("budget.less", "决算数小于{stage}预算数"),
            entry("budget.flat", "决算数与{stage}预算数持平"),
            entry("budget.stage.initial", "年初"),
            entry("budget.stage.full", "全年"),
            entry("budget.stage.none", ""),
            // 一
            entry("s.TOTALS.title", "收入支出决算总体情况说明"),
            entry("s.TOTALS.income", "{Y}年度收入总计{A}万元。"),
            entry("s.TOTALS.expenditure", "{Y}年度支出总计{A}万元。"),
            // 二
            entry("s.INCOME.title", "收入决算情况说明"),
            entry("s.INCOME.lead", "本年收入合计{A}万元，其中："),
            entry("s.INCOME.item", "{name}{A}万元，占{P}%"),
            entry(
                    "s.INCOME.names",
                    "fiscal=财政拨款收入;superior_subsidy=上级补助收入;operating=事业收入;business=经营收入;affiliate_remittance=附属单位上缴收入;other=其他收入"),
            // 三
            entry("s.EXPENDITURE.title", "支出决算情况说明"),
            entry("s.EXPENDITURE.lead", "本年支出合计{A}万元，其中："),
            entry("s.EXPENDITURE.item", "{name}{A}万元，占{P}%"),
            entry(
                    "s.EXPENDITURE.names",
                    "basic=基本支出;project=项目支出;remit_to_superior=上缴上级支出;business=经营支出;subsidy_to_affiliates=对附属单位补助支出"),
            // 四
            entry("s.FISCAL_TOTALS.title", "财政拨款收入支出决算总体情况说明"),
            entry("s.FISCAL_TOTALS.income", "{Y}年度财政拨款收入总计{A}万元，"),
            entry("s.FISCAL_TOTALS.expenditure", "{Y}年度财政拨款支出总计{A}万元，"),
            // 五
            entry("s.GENERAL_BUDGET.title", "一般公共预算财政拨款支出决算情况说明"),
            entry("s.GENERAL_BUDGET.1.title", "（一）财政拨款支出决算总体情况"),
            entry("s.GENERAL_BUDGET.1", "{Y}年度财政拨款支出{A}万元，占本年支出合计的{P}%，"),
            entry("s.GENERAL_BUDGET.2.title", "（二）财政拨款支出决算结构情况"),
            entry("s.GENERAL_BUDGET.2.lead", "{Y}年度财政拨款支出{A}万元，主要用于以下方面："),
            entry("s.GENERAL_BUDGET.2.item", "{name}（类）支出{A}万元，占{P}%"),
            entry("s.GENERAL_BUDGET.3.title", "（三）财政拨款支出决算具体情况"),
            entry("s.GENERAL_BUDGET.3.noBudget", "{cause}无{Y}年度财政拨款支出年初预算数据，支出决算数为{A}万元，其中："),
            entry("s.GENERAL_BUDGET.3.budget", "{Y}年度财政拨款支出年初预算为{I}万元，支出决算为{A}万元，完成年初预算的{P}%，{compare}。"),
            entry(
                    "s.GENERAL_BUDGET.3.fullBudget",
                    "{Y}年度财政拨款支出年初预算为{zero}万元，全年预算为{F}万元，支出决算为{A}万元，完成全年预算的{P}%，{compare}。"),
            entry("s.GENERAL_BUDGET.3.zeroBudget", "{Y}年度财政拨款支出年初预算为{zero}万元，支出决算为{A}万元，{compare}。"),
            entry("s.GENERAL_BUDGET.3.then", "其中："),
            entry("s.GENERAL_BUDGET.3.item", "{n}、{class}（类）{kind}（款）{item}（项）。"),
            entry("s.GENERAL_BUDGET.3.item.noBudget", "支出决算为{A}万元，{because}无年初预算可比较数据。"),
            entry("s.GENERAL_BUDGET.3.item.budget", "年初预算为{I}万元，支出决算为{A}万元，完成年初预算的{P}%，{compare}。"),
            entry("s.GENERAL_BUDGET.3.item.fullBudget", "年初预算为{zero}万元，全年预算为{F}万元，支出决算为{A}万元，完成全年预算的{P}%，{compare}。"),
            entry("s.GENERAL_BUDGET.3.item.zeroBudget", "年初预算为{zero}万元，支出决算为{A}万元，{compare}。"),
            // 六
            entry("s.BASIC.title", "一般公共预算财政拨款基本支出决算情况说明"),
            entry("s.BASIC", "{Y}年度财政拨款基本支出{A}万元，其中：人员经费{B}万元，占基本支出的{P}%{personnel}；公用经费{C}万元，占基本支出的{Q}%{public}。"),
            entry("s.BASIC.items", "，主要包括{names}"),
            // 七
            entry("s.SANGONG.title", "一般公共预算财政拨款三公经费支出决算情况说明"),
            entry("s.SANGONG.1.title", "（一）“三公”经费财政拨款支出决算总体情况说明"),
            entry("s.SANGONG.1.noBudget", "{because}无“三公”经费财政拨款支出预算数。“三公”经费财政拨款支出决算为{A}万元，其中："),
            entry("s.SANGONG.1.budget", "“三公”经费财政拨款支出全年预算为{B}万元，支出决算为{A}万元，完成预算的{P}%，其中："),
            entry("s.SANGONG.1.item", "{name}支出决算为{A}万元，{compare}。"),
            entry("s.SANGONG.1.item.noBudget", "{because}无财政拨款支出预算可比较数据"),
            entry("s.SANGONG.1.item.budget", "全年预算为{B}万元，完成预算的{P}%"),
            entry("s.SANGONG.1.item.zeroBudget", "全年预算为{zero}万元"),
            entry("s.SANGONG.1.reason", "“三公”经费财政拨款支出{compare}的主要原因：{text}。"),
            entry("s.SANGONG.names", "overseas_travel=因公出国（境）费;reception=公务接待费;vehicles=公务用车购置费及运行维护费"),
            entry("s.SANGONG.1.order", "overseas_travel,reception,vehicles"),
            entry("s.SANGONG.2.title", "（二）“三公”经费财政拨款支出决算具体情况说明"),
            entry("s.SANGONG.2.order", "reception,overseas_travel,vehicles"),
            entry("s.SANGONG.2.lead", "{Y}年度“三公”经费财政拨款支出决算中，{items}。其中："),
            entry("s.SANGONG.2.lead.item", "{name}支出决算{A}万元，占{P}%"),
            entry("s.SANGONG.2.overseas_travel", "{n}、因公出国（境）费支出决算为{A}万元，全年安排因公出国（境）团组{G}个，累计{N}人次"),
            entry("s.SANGONG.2.overseas_travel.none", "我单位全年无因公出国（境）费用支出"),
            entry("s.SANGONG.2.overseas_travel.purpose", "主要用于{text}"),
            entry("s.SANGONG.2.reception", "{n}、公务接待费支出决算为{A}万元，全年共接待来访团组{G}个、来宾{N}人次"),
            entry("s.SANGONG.2.reception.none", "我单位全年无公务接待费支出"),
            entry("s.SANGONG.2.reception.purpose", "主要是{text}"),
            entry(
                    "s.SANGONG.2.vehicles",
                    "{n}、公务用车购置费及运行维护费支出决算为{A}万元，其中：公务用车购置费{B}万元，{单位}更新公务用车{G}辆。公务用车运行维护费{C}万元，截止{Y}年12月31日，我单位开支财政拨款的公务用车保有量为{H}辆"),
            entry("s.SANGONG.2.vehicles.none", ""),
            entry("s.SANGONG.2.vehicles.purpose", "主要用于{text}"),
            // 八
            entry("s.GOVERNMENT_FUND.title", "政府性基金预算收入支出决算情况"),
            entry(
                    "s.GOVERNMENT_FUND",
                    "{Y}年度政府性基金预算财政拨款收入{income}万元；年初结转和结余{opening}万元；支出{expenditure}万元，其中基本支出{basic}万元，项目支出{project}万元；年末结转和结余{closing}万元。"),
            entry("s.GOVERNMENT_FUND.none", "{Y}年度，本单位无政府性基金收支。"),
            // 九
            entry("s.PERFORMANCE.title", "关于{Y}年度预算绩效情况说明"),
            entry("s.PERFORMANCE.contents", "预算绩效情况说明"),
            entry("s.PERFORMANCE.none", "无。"),
            // 十
            entry("s.OTHER_MATTERS.title", "其他重要事项情况说明"),
            entry("s.OTHER_MATTERS.1.title", "（一）机关运行经费支出情况"),
            entry("s.OTHER_MATTERS.1", "本部门{Y}年度机关运行经费支出{A}万元，"),
            entry("s.OTHER_MATTERS.1.noPrevious", "{cause}无年初预算可比较数据。"),
            entry("s.OTHER_MATTERS.2.title", "（二）一般性支出情况"),
            entry("s.OTHER_MATTERS.2", "{Y}年度本部门开支会议费{M}万元{meetings}；开支培训费{T}万元{training}；{festivals}"),
            entry("s.OTHER_MATTERS.2.purpose", "，用于开展{text}"),
            entry("s.OTHER_MATTERS.2.persons", "，人数{N}人"),
            entry("s.OTHER_MATTERS.2.festivals", "举办节庆、晚会、论坛、赛事活动，开支{A}万元。"),
            entry("s.OTHER_MATTERS.2.festivals.none", "未举办节庆、晚会、论坛、赛事活动，开支{A}万元。"),
            entry("s.OTHER_MATTERS.3.title", "（三）政府采购支出情况"),
            entry(
                    "s.OTHER_MATTERS.3",
                    "本部门{Y}年度政府采购支出总额{A}万元，其中：政府采购货物支出{G}万元、政府采购工程支出{W}万元、政府采购服务支出{S}万元。授予中小企业合同金额{M}万元，占政府采购支出总额的{P}%，其中：授予小微企业合同金额{X}万元，占政府采购支出总额的{Q}%。"),
            entry("s.OTHER_MATTERS.4.title", "（四）国有资产占用情况"),
            entry(
                    "s.OTHER_MATTERS.4",
                    "截至{Y}年12月31日，本单位共有车辆0辆，其中，领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、其他用车0辆；单位价值{wan50}万元以上通用设备0台（套）；单位价值{wan100}万元以上专用设备0台（套）。"),
            entry("s.OTHER_MATTERS.5.title", "（五）其他"));

    private static final Map<String, String> WORDING_2020 = Map.of(
            "s.STATE_CAPITAL.title", "国有资本经营预算财政拨款收入支出决算情况",
            "s.STATE_CAPITAL",
                    "{Y}年度国有资本经营预算财政拨款收入{income}万元；年初结转和结余{opening}万元；支出{expenditure}万元，其中基本支出{basic}万元，项目支出{project}万元；年末结转和结余{closing}万元。",
            "s.STATE_CAPITAL.none", "{Y}年度，本单位无国有资本经营预算财政拨款收支。");

    /** 第四部分 名词解释 as the seed prints it. */
    private static final List<String> GLOSSARY_2019 = List.of(
            "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
            "二、事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。",
            "三、经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
            "四、其他收入：指单位取得的除上述收入以外的各项收入。",
            "五、用事业基金弥补收支差额：指事业单位在当年的财政拨款收入、事业收入、其他收入不足以安排当年支出的情况下，使用以前年度积累的事业基金"
                    + "（事业单位当年收支相抵后按国家规定提取、用于弥补以后年度收支差额的基金）弥补本年度收支缺口的资金。",
            "六、年初结转和结余：指单位以前年度尚未完成、结转到本年度按有关规定继续使用的资金。",
            "七、“三公”经费：指单位用一般公共预算安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务"
                    + "出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置费反映公务用车车辆购置支出（含车辆购置税）；"
                    + "公务用车运行维护费反映单位按规定保留的公务用车资料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位按规定开支的各类公务接待支出。",
            "八、机关运行经费支出：是指各部门的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用资料及一般设备购置费、"
                    + "办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。");

    private static final List<Topic> OUTLINE_2019 = List.of(
            Topic.TOTALS,
            Topic.INCOME,
            Topic.EXPENDITURE,
            Topic.FISCAL_TOTALS,
            Topic.GENERAL_BUDGET,
            Topic.BASIC,
            Topic.SANGONG,
            Topic.GOVERNMENT_FUND,
            Topic.PERFORMANCE,
            Topic.OTHER_MATTERS);

    private static final List<Topic> OUTLINE_2020 = List.of(
            Topic.TOTALS,
            Topic.INCOME,
            Topic.EXPENDITURE,
            Topic.FISCAL_TOTALS,
            Topic.GENERAL_BUDGET,
            Topic.BASIC,
            Topic.SANGONG,
            Topic.GOVERNMENT_FUND,
            Topic.STATE_CAPITAL,
            Topic.PERFORMANCE,
            Topic.OTHER_MATTERS);

    /** The seed's Hunan county template (fiscal years up to 2019). */
    public static final Template HUNAN_2019 = new Template(
            "hunan-county-2019",
            2017,
            2019,
            List.of(table01(false), table02(), table03(), table04(false), table05(), table06(), table07(), table08()),
            OUTLINE_2019,
            new Wording(WORDING_2019),
            GLOSSARY_2019,
            TextNumbers.TRIMMED_2019);

    /** From 2020: HUNAN_2019 plus 国有资本经营预算 (01/04 rows and column, 公开09表, its 情况说明 section). */
    public static final Template HUNAN_2020 = new Template(
            "hunan-county-2020",
            2020,
            9999,
            List.of(
                    table01(true),
                    table02(),
                    table03(),
                    table04(true),
                    table05(),
                    table06(),
                    table07(),
                    table08(),
                    table09()),
            OUTLINE_2020,
            new Wording(WORDING_2019).with(WORDING_2020),
            GLOSSARY_2019,
            TextNumbers.OFFICIAL);
}
