package org.budgetledger.projection.finalaccounts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.budgetledger.contract.FundSource;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/DOMAIN.md#validation-rules W01–W05, W08, W13, W15, W16, X01, X02, X09 hold at T0 (exact fen) for every fixture, for every unit's
 * own figures and for every consolidation.
 */
class FigureIdentitiesTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.HETANG, Fixtures.DEMO_WLJ})
    void identitiesHoldExactly(String name) {
        FixtureLedgers ledgers = new FixtureLedgers(name);
        Map<String, Figures> all = new LinkedHashMap<>();
        for (String unit : ledgers.kinds.keySet()) {
            all.put(unit + " self", ledgers.selfWithOperatingCosts(unit));
            all.put(unit + " consolidated", ledgers.consolidated(unit));
        }
        all.forEach((label, figures) -> check(label, figures));
        assertThat(ledgers.consolidated(ledgers.root).fen()).isNotEmpty();
    }

    private static void check(String label, Figures f) {
        // W01 本年收入合计 = Σ the 8 sources
        long sources = 0;
        for (FundSource s : FundSource.values()) {
            sources += f.fen("01/income." + CellKeys.word(s) + "/amount");
        }
        assertThat(f.fen("01/income.total/amount")).as("W01 %s", label).isEqualTo(sources);
        // W02 本年支出合计 = Σ 类
        long classes = f.fen().entrySet().stream()
                .filter(e -> e.getKey().matches("01/expenditure\\.\\d{3}/amount"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertThat(f.fen("01/expenditure.total/amount")).as("W02 %s", label).isEqualTo(classes);
        // W03, W04, W05 总计
        long incomeGrand = f.fen("01/income.grand_total/amount");
        assertThat(incomeGrand)
                .as("W03 %s", label)
                .isEqualTo(f.fen("01/income.total/amount")
                        + f.fen("01/income.business_fund_offset/amount")
                        + f.fen("01/income.opening_balance/amount"));
        long expenditureGrand = f.fen("01/expenditure.grand_total/amount");
        assertThat(expenditureGrand)
                .as("W04 %s", label)
                .isEqualTo(f.fen("01/expenditure.total/amount")
                        + f.fen("01/expenditure.surplus_distribution/amount")
                        + f.fen("01/expenditure.closing_balance/amount"));
        assertThat(incomeGrand).as("W05 %s", label).isEqualTo(expenditureGrand);
        // W08 03 total = Σ kinds, every row; W13 05 subtotal = basic + project, every row
        for (String row : rows(f, "03")) {
            assertThat(f.fen("03/" + row + "/total"))
                    .as("W08 %s row %s", label, row)
                    .isEqualTo(f.fen("03/" + row + "/basic")
                            + f.fen("03/" + row + "/project")
                            + f.fen("03/" + row + "/remit_to_superior")
                            + f.fen("03/" + row + "/business")
                            + f.fen("03/" + row + "/subsidy_to_affiliates"));
        }
        for (String row : rows(f, "05")) {
            assertThat(f.fen("05/" + row + "/subtotal"))
                    .as("W13 %s row %s", label, row)
                    .isEqualTo(f.fen("05/" + row + "/basic") + f.fen("05/" + row + "/project"));
        }
        // W15, W16 人员 / 公用经费
        assertThat(f.fen(CellKeys.PERSONNEL_TOTAL_KEY))
                .as("W15 %s", label)
                .isEqualTo(f.fen("06/301/amount") + f.fen("06/303/amount"));
        long otherClasses = f.fen().entrySet().stream()
                .filter(e -> e.getKey().matches("06/\\d{3}/amount"))
                .filter(e -> !e.getKey().equals("06/301/amount") && !e.getKey().equals("06/303/amount"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertThat(f.fen(CellKeys.PUBLIC_TOTAL_KEY)).as("W16 %s", label).isEqualTo(otherClasses);
        // X01, X02 01 ↔ 02 / 03; X09 基本支出 = 人员 + 公用
        assertThat(f.fen("01/income.total/amount")).as("X01 %s", label).isEqualTo(f.fen("02/total/total"));
        assertThat(f.fen("01/expenditure.total/amount")).as("X02 %s", label).isEqualTo(f.fen("03/total/total"));
        assertThat(f.fen("05/total/basic"))
                .as("X09 %s", label)
                .isEqualTo(f.fen(CellKeys.PERSONNEL_TOTAL_KEY) + f.fen(CellKeys.PUBLIC_TOTAL_KEY));
    }

    private static Set<String> rows(Figures f, String table) {
        Set<String> rows = new TreeSet<>();
        for (String key : f.fen().keySet()) {
            String[] parts = key.split("/");
            if (parts[0].equals(table)) {
                rows.add(parts[1]);
            }
        }
        return rows;
    }
}
