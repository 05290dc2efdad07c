package org.budgetledger.projection.checks.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.testkit.Fixtures;

/** Check inputs built from the shared fixtures: published 万元 figures × 1 000 000 = fen. */
final class CheckFixtures {

    private CheckFixtures() {}

    static long fen(String wanYuan) {
        return new BigDecimal(wanYuan).movePointRight(6).longValueExact();
    }

    static Map<String, Long> cells(JsonNode cells) {
        Map<String, Long> out = new TreeMap<>();
        cells.fields()
                .forEachRemaining(e -> out.put(e.getKey(), fen(e.getValue().asText())));
        return out;
    }

    /** The seed (HT-CAC 2019): one ADMINISTRATIVE unit whose self figures are the department's. */
    static CheckInput seed() {
        Fixtures fx = Fixtures.of(Fixtures.HETANG);
        JsonNode expected = fx.expectedCells();
        Map<String, Long> cells = cells(expected.get("cells"));
        return CheckInput.builder(
                        expected.get("unitCode").asText(),
                        expected.get("fiscalYear").asInt(),
                        cells)
                .units(List.of(new UnitFigures("HT-CAC", UnitKind.ADMINISTRATIVE, Cells.copyOf(cells))))
                .previousClosing(Map.of())
                .openingBalances(Map.of())
                .postingCounts(counts(fx.postings()))
                .catalogues(catalogue(fx, 2019, CatalogueKind.FUNCTIONAL), catalogue(fx, 2019, CatalogueKind.ECONOMIC))
                .build();
    }

    /**
     * The demo department (DEMO-WLJ 2020): three units with their self figures and kinds; the previous year's closing
     * balances taken equal to this year's OPENING_BALANCE postings.
     */
    static CheckInput demo() {
        Fixtures fx = Fixtures.of(Fixtures.DEMO_WLJ);
        JsonNode expected = fx.expectedCells();
        JsonNode byUnit = fx.expectedCellsByUnit().orElseThrow();
        List<UnitFigures> units = new ArrayList<>();
        for (JsonNode unit : fx.units()) {
            String code = unit.get("unitCode").asText();
            units.add(new UnitFigures(
                    code,
                    UnitKind.valueOf(unit.get("profile").get("kind").asText()),
                    Cells.copyOf(cells(byUnit.get(code).get("self")))));
        }
        Map<BalanceKey, Long> opening = openingBalances(fx.postings());
        return CheckInput.builder(
                        expected.get("unitCode").asText(),
                        expected.get("fiscalYear").asInt(),
                        cells(expected.get("cells")))
                .units(units)
                .previousClosing(opening)
                .openingBalances(opening)
                .postingCounts(counts(fx.postings()))
                .catalogues(catalogue(fx, 2020, CatalogueKind.FUNCTIONAL), catalogue(fx, 2020, CatalogueKind.ECONOMIC))
                .build();
    }

    /** The shipped catalogue of the year with the fixture's additions (catalogue.json), as the ledger holds it. */
    static Catalogue catalogue(Fixtures fx, int year, CatalogueKind kind) {
        Catalogue shipped = ShippedCatalogues.load(year, kind).orElseThrow();
        return fx.catalogue()
                .map(c -> {
                    List<CatalogueEntry> extra = new ArrayList<>();
                    c.path(kind.path())
                            .forEach(e -> extra.add(new CatalogueEntry(
                                    e.get("code").asText(), e.get("name").asText())));
                    return shipped.revisedWith(extra);
                })
                .orElse(shipped);
    }

    private static List<JsonNode> net(List<JsonNode> postings) {
        Set<String> reversed = new HashSet<>();
        postings.stream()
                .filter(p -> p.get("type").asText().equals("REVERSAL"))
                .forEach(p -> reversed.add(p.get("reverses").asText()));
        return postings.stream()
                .filter(p -> !p.get("type").asText().equals("REVERSAL"))
                .filter(p -> !reversed.contains(p.get("postingId").asText()))
                .toList();
    }

    static Map<BalanceKey, Long> openingBalances(List<JsonNode> postings) {
        Map<BalanceKey, Long> out = new TreeMap<>();
        for (JsonNode p : net(postings)) {
            if (p.get("type").asText().equals("OPENING_BALANCE")) {
                out.merge(
                        new BalanceKey(
                                FundSource.valueOf(p.get("fundSource").asText()),
                                p.get("functionalCode").asText()),
                        Money.parse(p.get("amount").asText()).fen(),
                        Long::sum);
            }
        }
        return out;
    }

    static PostingCounts counts(List<JsonNode> postings) {
        int otherKind = 0;
        int smallMicro = 0;
        int stateCapital = 0;
        for (JsonNode p : net(postings)) {
            String type = p.get("type").asText();
            String source = p.path("fundSource").asText("");
            if (type.equals("EXPENDITURE")
                    && !source.isEmpty()
                    && FundSource.valueOf(source).fiscal()
                    && !Set.of("BASIC", "PROJECT")
                            .contains(p.get("expenditureKind").asText())) {
                otherKind++;
            }
            if (type.equals("PROCUREMENT")
                    && p.get("procurement").path("smallMicroAwarded").asBoolean()
                    && !p.get("procurement").path("smeAwarded").asBoolean()) {
                smallMicro++;
            }
            if (source.equals("STATE_CAPITAL")) {
                stateCapital++;
            }
        }
        return new PostingCounts(otherKind, smallMicro, stateCapital);
    }
}
