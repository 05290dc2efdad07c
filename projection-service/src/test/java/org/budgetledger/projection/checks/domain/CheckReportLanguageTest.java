package org.budgetledger.projection.checks.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

/** The checks speak Chinese to the finance staff, English when asked, with the same codes and figures. */
class CheckReportLanguageTest {

    private static CheckReport brokenSeed() {
        Map<String, Long> cells = new HashMap<>(CheckFixtures.seed().cells());
        cells.put("01/income.total/amount", cells.get("01/income.total/amount") + 1_000_000L); // 1 万元 more
        return Checks.report(CheckInput.builder("HT-CAC", 2019, cells).build());
    }

    @Test
    void chineseByDefaultWithTheCodesAndNoEnglishWords() {
        String zh = brokenSeed().render(Language.ZH);
        assertThat(zh).contains("W01  不通过  T2  本年收入合计 = 各项收入之和", "L02 跳过：未提供上年年末结转和结余", "W02 通过 ×", "汇总：通过 ")
                .doesNotContain("PASS", "FAIL", "SKIPPED", "summary", "were not given", "exact Δ");
    }

    @Test
    void englishWhenAsked() {
        String en = brokenSeed().render(Language.EN);
        assertThat(en).contains("W01  FAIL", "L02 SKIPPED: the previous year's closing balances were not given", "summary: PASS ")
                .doesNotContain("不通过", "跳过", "汇总");
        assertThat(brokenSeed().render()).isEqualTo(en);
    }

    @Test
    void theAcceptLanguageHeaderChooses() {
        assertThat(Language.of(null)).isEqualTo(Language.ZH);
        assertThat(Language.of("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Language.ZH);
        assertThat(Language.of("en-US,en;q=0.9")).isEqualTo(Language.EN);
        assertThat(Language.of("en")).isEqualTo(Language.EN);
        assertThat(Language.of("*")).isEqualTo(Language.ZH);
        assertThat(Language.of("fr-FR, en;q=0.5")).isEqualTo(Language.ZH);
        assertThat(Language.of("not a header;;")).isEqualTo(Language.ZH);
    }

    @Test
    void everyRuleHasAChineseName() {
        assertThat(Checks.RULES).allSatisfy(r -> assertThat(r.nameZh()).as(r.id()).isNotBlank());
    }
}
