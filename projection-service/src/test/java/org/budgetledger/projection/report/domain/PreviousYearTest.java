package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Comparisons with Y−1: hetang's own figures, changed, fed as the previous year. */
class PreviousYearTest {

    private final ReportFixtures fixtures = new ReportFixtures(Fixtures.HETANG);
    private final Map<String, Long> current = fixtures.figures();

    private String explanation(Map<String, Long> previous, Map<String, String> narrative) {
        return ReportBuilder.build(fixtures.input(Optional.of(previous), narrative))
                .explanation()
                .text();
    }

    private static Map<String, Long> scaled(Map<String, Long> figures, long factor) {
        Map<String, Long> out = new HashMap<>();
        figures.forEach((k, v) -> out.put(k, v * factor));
        return out;
    }

    @Test
    void aHigherPreviousYearIsADecrease() {
        String text = explanation(scaled(current, 2), Map.of("reasons.income", "上年有一次性支出。"));
        assertThat(text)
                .contains(
                        "2019年度收入总计30.74万元。与2018年度相比，减少30.74万元，下降50%。主要原因：上年有一次性支出。",
                        "2019年度支出总计30.74万元。与2018年度相比，减少30.74万元，下降50%。",
                        "2019年度财政拨款收入总计30.74万元，与2018年度相比，减少30.74万元，下降50%。",
                        "2019年度财政拨款支出30.74万元，占本年支出合计的100%，与2018年度相比，减少30.74万元，下降50%。",
                        "公务接待费支出决算为0.06万元，无财政拨款支出预算可比较数据，比2018年度减少0.06万元，下降50%。",
                        "因公出国（境）费支出决算为0万元，无财政拨款支出预算可比较数据，与2018年度持平。",
                        "本部门2019年度机关运行经费支出12.13万元，比2018年度减少12.13万元，下降50%。",
                        // budgets are still absent, but the unit is no longer new
                        "无2019年度财政拨款支出年初预算数据，支出决算数为30.74万元，其中：",
                        "支出决算为25.25万元，无年初预算可比较数据。",
                        "无“三公”经费财政拨款支出预算数。“三公”经费财政拨款支出决算为0.06万元，其中：");
        assertThat(text).doesNotContain("新成立", "所以");
    }

    @Test
    void aLowerPreviousYearIsAnIncreaseWithItsGrowthFromExactAmounts() {
        Map<String, Long> previous = new HashMap<>(current);
        long now = current.get("01/income.grand_total/amount");
        previous.put("01/income.grand_total/amount", now - 1_000_000L); // 1 万元 less
        previous.put("ops/operating_costs/amount", current.get("ops/operating_costs/amount") + 123_456L);
        previous.remove("07/actual/reception"); // nothing the year before
        previous.remove("07/actual/total");
        String text = explanation(previous, Map.of("reasons.operating_costs", "办公设备更新"));
        assertThat(text)
                .contains(
                        "2019年度收入总计30.74万元。与2018年度相比，增加1万元，增长"
                                + Amounts.percent(1_000_000L, now - 1_000_000L, RoundingMode.HALF_UP) + "%。",
                        "2019年度支出总计30.74万元。与2018年度持平。",
                        "比2018年度减少0.12万元，下降"
                                + Amounts.percent(
                                        123_456L,
                                        current.get("ops/operating_costs/amount") + 123_456L,
                                        RoundingMode.HALF_UP)
                                + "%。主要原因：办公设备更新。",
                        "公务接待费支出决算为0.06万元，无财政拨款支出预算可比较数据，比2018年度增加0.06万元。");
        assertThat(text).doesNotContain("新成立");
    }

    @Test
    void theSameFiguresAreFlat() {
        String text = explanation(current, Map.of("reasons.income", "不应出现"));
        assertThat(text).contains("2019年度收入总计30.74万元。与2018年度持平。", "与2018年度持平。").doesNotContain("不应出现", "增加", "减少");
    }
}
