package org.budgetledger.projection.report.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.projection.finalaccounts.domain.CellRouting;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.projection.report.domain.Facts;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.ReportBuilder;
import org.budgetledger.projection.report.domain.ReportInput;
import org.budgetledger.testkit.Fixtures;

/** The seed office's report (one unit, 2019), built from its fixture postings. */
final class RenderFixtures {

    private RenderFixtures() {}

    static Report hetang(Map<String, String> narrative) {
        try {
            ObjectMapper mapper = Json.newMapper();
            Fixtures fixture = Fixtures.of(Fixtures.HETANG);
            JsonNode unit = fixture.units().get(0);
            String code = unit.get("unitCode").asText();
            UnitProfile profile = mapper.treeToValue(unit.get("profile"), UnitProfile.class);
            Figures figures = new Figures();
            Map<String, Posting> byId = new HashMap<>();
            for (JsonNode node : fixture.postings()) {
                Posting p = mapper.treeToValue(node, Posting.class);
                byId.put(p.postingId(), p);
                Posting applied = p.type() == PostingType.REVERSAL ? byId.get(p.reverses()) : p;
                int sign = p.type() == PostingType.REVERSAL ? -1 : 1;
                figures.apply(CellRouting.contributions(applied), sign);
                figures.apply(Facts.contributions(applied), sign);
            }
            ReportInput input = ReportInput.withCatalogues(
                    2019,
                    code,
                    profile,
                    List.of(new ReportInput.Unit(code, profile.name(), profile.kind(), null)),
                    Cells.copyOf(figures.withOperatingCosts(profile.kind()).fen()),
                    Optional.empty(),
                    narrative,
                    ShippedCatalogues.load(2019, CatalogueKind.FUNCTIONAL).orElseThrow(),
                    ShippedCatalogues.load(2019, CatalogueKind.ECONOMIC).orElseThrow());
            return ReportBuilder.build(input);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
