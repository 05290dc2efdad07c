package org.budgetledger.projection.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.budgetledger.contract.NarrativeKey;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Every narrative key the API accepts prints where docs/NARRATIVE.md says: the demo department (2020, with budgets)
 * with a previous year whose figures are half of this year's, and every key set to a text of its own.
 */
class NarrativeKeysTest {

    private static final String ITEM = "2070101";

    private final ReportFixtures fixtures = new ReportFixtures(Fixtures.DEMO_WLJ);

    private static String textOf(NarrativeKey key) {
        return key.form() == NarrativeKey.Form.COUNT ? "7" : "〔" + key.key() + "〕";
    }

    private Report withEveryKey(Optional<Map<String, Long>> previous) {
        Map<String, String> narrative = new LinkedHashMap<>();
        for (NarrativeKey key : NarrativeKey.values()) {
            narrative.put(key.key(), textOf(key));
        }
        narrative.put(NarrativeKey.perItemReason(ITEM), "〔" + ITEM + "〕");
        return ReportBuilder.build(fixtures.input(previous, narrative));
    }

    private Map<String, Long> halved() {
        Map<String, Long> previous = new HashMap<>();
        fixtures.figures().forEach((k, v) -> previous.put(k, v / 2));
        return previous;
    }

    private static String section(Report report, String headingStart) {
        return report.explanation().sections().stream()
                .filter(s -> s.heading().startsWith(headingStart))
                .findFirst()
                .orElseThrow()
                .lines()
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyKeyPrintsWhereItBelongs() {
        Report report = withEveryKey(Optional.of(halved()));
        Map<NarrativeKey, String> where = new EnumMap<>(NarrativeKey.class);
        String overview = report.overview().text();
        where.put(NarrativeKey.DUTIES, overview);
        where.put(NarrativeKey.ORGANIZATION, overview);
        where.put(NarrativeKey.REASONS_INCOME, section(report, "一、"));
        where.put(NarrativeKey.REASONS_EXPENDITURE, section(report, "一、"));
        where.put(NarrativeKey.REASONS_FISCAL, section(report, "四、"));
        where.put(NarrativeKey.REASONS_GENERAL_BUDGET, section(report, "五、"));
        where.put(NarrativeKey.REASONS_BASIC, section(report, "六、"));
        where.put(NarrativeKey.REASONS_SANGONG, section(report, "七、"));
        where.put(NarrativeKey.PURPOSES_RECEPTION, section(report, "七、"));
        where.put(NarrativeKey.PURPOSES_OVERSEAS_TRAVEL, section(report, "七、"));
        where.put(NarrativeKey.PURPOSES_VEHICLES, section(report, "七、"));
        where.put(NarrativeKey.PERFORMANCE, section(report, "十、"));
        where.put(NarrativeKey.REASONS_OPERATING_COSTS, section(report, "十一、"));
        where.put(NarrativeKey.PURPOSES_TRAINING, section(report, "十一、"));
        where.put(NarrativeKey.PURPOSES_MEETINGS, section(report, "十一、"));
        where.put(NarrativeKey.ASSETS, section(report, "十一、"));
        where.put(NarrativeKey.OTHER, section(report, "十一、"));
        where.put(NarrativeKey.PERFORMANCE_REPORT, report.other().orElseThrow().text());
        where.put(NarrativeKey.CONTACT, report.contact().orElseThrow());

        for (Map.Entry<NarrativeKey, String> e : where.entrySet()) {
            assertThat(e.getValue()).as(e.getKey().key()).contains(textOf(e.getKey()));
        }
        assertThat(section(report, "七、")).contains("公务用车保有量为7辆");
        assertThat(section(report, "五、")).contains("主要原因：〔" + ITEM + "〕");
        // with Y−1 there is something to compare with: the unit's cause of having nothing does not print
        assertThat(report.explanation().text()).doesNotContain(textOf(NarrativeKey.REASONS_NO_COMPARISON));
        List<NarrativeKey> covered = List.copyOf(where.keySet());
        assertThat(NarrativeKey.values())
                .as("every key has its place in this test")
                .containsExactlyInAnyOrder(
                        concat(covered, NarrativeKey.ASSETS_VEHICLES_HELD, NarrativeKey.REASONS_NO_COMPARISON));
    }

    @Test
    void withoutPreviousYearTheUnitsCausePrintsAndTheChangeReasonsDoNot() {
        Report report = withEveryKey(Optional.empty());
        String cause = "〔reasons.noComparison〕，所以无上年可比较数据";
        assertThat(section(report, "一、")).contains("2020年度收入总计").contains(cause);
        assertThat(section(report, "四、")).contains(cause);
        for (NarrativeKey key : List.of(
                NarrativeKey.REASONS_INCOME,
                NarrativeKey.REASONS_EXPENDITURE,
                NarrativeKey.REASONS_FISCAL,
                NarrativeKey.REASONS_OPERATING_COSTS)) {
            assertThat(report.explanation().text()).as(key.key()).doesNotContain(textOf(key));
        }
    }

    @Test
    void theDocsListEveryKeyWithItsPlace() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "NARRATIVE.md"));
        for (NarrativeKey key : NarrativeKey.values()) {
            assertThat(docs).as(key.key()).contains("`" + key.key() + "`");
        }
        assertThat(docs).contains("`reasons.general_budget.{项}`");
    }

    private static NarrativeKey[] concat(List<NarrativeKey> keys, NarrativeKey... more) {
        List<NarrativeKey> all = new java.util.ArrayList<>(keys);
        all.addAll(List.of(more));
        return all.toArray(NarrativeKey[]::new);
    }
}
