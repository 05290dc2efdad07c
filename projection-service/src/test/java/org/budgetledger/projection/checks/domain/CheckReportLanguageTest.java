package org.budgetledger.projection.checks.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.projection.checks.domain.CheckFixtures.fen;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.budgetledger.contract.FundSource;
import org.junit.jupiter.api.Test;

/** The checks speak Chinese to the finance staff, English when asked, with the same codes and figures. */
class CheckReportLanguageTest {

    /** An English word standing alone: not a part of a cell key ("02/total/fiscal"), a code or a unit ("HT-CAC"). */
    private static final Pattern WORD = Pattern.compile("(?<![\\w./\\-:])[A-Za-z]{2,}(?![\\w./\\-])");

    private static CheckReport brokenSeed() {
        Map<String, Long> cells = new HashMap<>(CheckFixtures.seed().cells().asMap());
        cells.put("01/income.total/amount", cells.get("01/income.total/amount") + 1_000_000L); // 1 万元 more
        return Checks.report(CheckInput.builder("HT-CAC", 2019, cells).build());
    }

    @Test
    void chineseByDefaultWithTheCodesAndNoEnglishWords() {
        String zh = brokenSeed().render(Language.ZH);
        assertThat(zh)
                .contains("W01  不通过  T2  本年收入合计 = 各项收入之和", "L02 跳过：未提供上年年末结转和结余", "W02 通过 ×", "汇总：通过 ")
                .doesNotContain("PASS", "FAIL", "SKIPPED", "summary", "were not given", "exact Δ");
    }

    @Test
    void englishWhenAsked() {
        String en = brokenSeed().render(Language.EN);
        assertThat(en)
                .contains(
                        "W01  FAIL",
                        "L02 SKIPPED: the previous year's closing balances were not given",
                        "summary: PASS ")
                .doesNotContain("不通过", "跳过", "汇总");
        assertThat(brokenSeed().render()).isEqualTo(en);
    }

    /**
     * Inputs that reach the remarks, subjects and labels written in the rules (skips, W19's lists, L01's and L02's
     * labels, the previous year's and the audit lines' figures): in Chinese, the only English left is the cell keys
     * and the tolerance classes, which are codes.
     */
    @Test
    void theChineseTextLeavesOnlyKeysAndCodesInEnglish() {
        CheckInput seed = CheckFixtures.seed();
        CheckInput demo = CheckFixtures.demo();
        Map<BalanceKey, Long> previous = new TreeMap<>(demo.previousClosing());
        previous.put(new BalanceKey(FundSource.GOVERNMENT_FUND, "2296002"), fen("0.50"));
        Map<String, Long> audit = new TreeMap<>(seed.cells().asMap());
        audit.merge("06/30201/amount", 1L, Long::sum);
        List<CheckInput> inputs = List.of(
                seed,
                demo,
                CheckInput.builder(seed.unitCode(), seed.fiscalYear(), seed.cells())
                        .build(),
                seed.toBuilder()
                        .units(List.of())
                        .cell("04/expenditure.total/general_budget", fen("31.74"))
                        .build(),
                seed.toBuilder()
                        .cell("02/2013/total", fen("1.00"))
                        .cell("06/public/amount", 0)
                        .cell("03/2013777/total", fen("1.00"))
                        .cell("zz/bad", 1)
                        .printedNames(Map.of("2013701", "行政运行", "201", "一般公共服务"))
                        .build(),
                seed.toBuilder()
                        .auditSums(audit)
                        .postingCounts(new PostingCounts(2, 1, 3))
                        .build(),
                seed.toBuilder()
                        .cell("06/399/amount", fen("0.50"))
                        .cell("08/total/income", fen("1.00"))
                        .build(),
                demo.toBuilder().previousClosing(previous).build());
        for (CheckInput input : inputs) {
            String zh = Checks.report(input).render(Language.ZH);
            assertThat(englishWords(zh)).as(zh).isSubsetOf(keyWords(input));
        }
    }

    @Test
    void phrasesAreTranslatedAndKeysKept() {
        assertThat(Phrase.in("general_budget: closing balance", Language.ZH)).isEqualTo("general_budget: 年末结转和结余");
        assertThat(Phrase.in("L01 closing balance of the 项", Language.ZH)).isEqualTo("L01 该项年末结转和结余");
        assertThat(Phrase.in("2019 closing government_fund 2296002", Language.ZH))
                .isEqualTo("2019 年末 government_fund 2296002");
        assertThat(Phrase.in("non-fiscal", Language.ZH)).isEqualTo("非财政拨款");
        assertThat(Phrase.in("08 per 项", Language.ZH)).isEqualTo("08 按项");
        for (String key : List.of(
                "02/total/fiscal",
                "04/expenditure.closing_balance/total",
                "01/income.opening_balance/amount",
                "X12 04 government_fund ⇔ 08",
                "closing_balance",
                "income")) {
            assertThat(Phrase.in(key, Language.ZH)).as(key).isEqualTo(key);
        }
        assertThat(Phrase.in("general_budget: closing balance", Language.EN))
                .isEqualTo("general_budget: closing balance");
        assertThat(Phrase.in(null, Language.ZH)).isNull();
    }

    @Test
    void subjectsStayTheIdentifiersTheJsonCarries() {
        CheckReport report = Checks.report(
                CheckInput.builder("HT-CAC", 2019, CheckFixtures.seed().cells()).build());
        CheckResult names = report.results().stream()
                .filter(r -> "names".equals(r.subject()))
                .findFirst()
                .orElseThrow();
        assertThat(names.label()).isEqualTo("W19 names");
        assertThat(names.label(Language.ZH)).isEqualTo("W19 科目名称");
        assertThat(report.render(Language.ZH)).contains("W19 科目名称 跳过：未提供表中印出的科目名称");
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
        assertThat(Checks.RULES)
                .allSatisfy(r -> assertThat(r.nameZh()).as(r.id()).isNotBlank());
    }

    private static Set<String> englishWords(String text) {
        Set<String> words = new TreeSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** The words of the input's cell keys ("reception" of 07/actual/reception labels a comparison) and the tolerances. */
    private static Set<String> keyWords(CheckInput input) {
        Set<String> words = input.cells().keys().stream()
                .flatMap(k -> Arrays.stream(k.split("[/.]")))
                .collect(Collectors.toCollection(TreeSet::new));
        Arrays.stream(Tolerance.values()).map(Enum::name).forEach(words::add);
        return words;
    }
}
