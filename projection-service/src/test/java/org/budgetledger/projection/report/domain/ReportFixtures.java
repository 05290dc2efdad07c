package org.budgetledger.projection.report.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.projection.finalaccounts.domain.CellRouting;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.testkit.Fixtures;

/**
 * A fixture replayed into exact figures: per unit the cells (CellRouting) and the facts (Facts) of its postings,
 * reversals applied as the negation of the reversed posting; the root's consolidated map with 机关运行经费 per unit kind;
 * the fixture's profiles and the year's catalogues (shipped + the fixture's additions).
 */
public final class ReportFixtures {

    private static final ObjectMapper MAPPER = Json.newMapper();

    final Fixtures fixture;
    final int year;
    final String root;
    final Map<String, UnitProfile> profiles = new LinkedHashMap<>();
    final Map<String, Figures> self = new LinkedHashMap<>();
    final List<Posting> postings = new ArrayList<>();

    public ReportFixtures(String name) {
        this(name, List.of());
    }

    /** The fixture's postings followed by {@code extra} postings. */
    ReportFixtures(String name, List<Posting> extra) {
        fixture = Fixtures.of(name);
        String first = null;
        int y = 0;
        for (JsonNode unit : fixture.units()) {
            String code = unit.get("unitCode").asText();
            y = unit.get("fiscalYear").asInt();
            UnitProfile profile = read(unit.get("profile"), UnitProfile.class);
            profiles.put(code, profile);
            self.put(code, new Figures());
            if (first == null && profile.parentUnitCode() == null) {
                first = code;
            }
        }
        root = first;
        year = y;
        Map<String, Posting> byId = new HashMap<>();
        List<Posting> all = new ArrayList<>();
        fixture.postings().forEach(n -> all.add(read(n, Posting.class)));
        all.addAll(extra);
        for (Posting posting : all) {
            byId.put(posting.postingId(), posting);
            postings.add(posting);
            if (posting.type() == PostingType.REVERSAL) {
                Posting reversed = byId.get(posting.reverses());
                apply(reversed, -1);
            } else {
                apply(posting, 1);
            }
        }
    }

    private void apply(Posting posting, int sign) {
        Figures figures = self.get(posting.unitCode());
        figures.apply(CellRouting.contributions(posting), sign);
        figures.apply(Facts.contributions(posting), sign);
    }

    /** The root's exact consolidated figures (cells, ops, facts). */
    public Map<String, Long> figures() {
        List<Figures> parts = new ArrayList<>();
        profiles.forEach((code, profile) -> parts.add(self.get(code).withOperatingCosts(profile.kind())));
        return Figures.sum(parts).fen();
    }

    List<ReportInput.Unit> units() {
        List<ReportInput.Unit> units = new ArrayList<>();
        profiles.forEach((code, p) -> units.add(new ReportInput.Unit(code, p.name(), p.kind(), p.parentUnitCode())));
        return units;
    }

    Catalogue catalogue(CatalogueKind kind) {
        Catalogue shipped = ShippedCatalogues.load(year, kind).orElseThrow();
        Optional<JsonNode> additions = fixture.catalogue();
        if (additions.isEmpty()) {
            return shipped;
        }
        List<CatalogueEntry> entries = new ArrayList<>();
        additions
                .get()
                .get(kind.path())
                .forEach(e -> entries.add(
                        new CatalogueEntry(e.get("code").asText(), e.get("name").asText())));
        return shipped.revisedWith(entries);
    }

    public ReportInput input(Optional<Map<String, Long>> previous, Map<String, String> narrative) {
        return input(figures(), previous, narrative);
    }

    ReportInput input(Map<String, Long> figures, Optional<Map<String, Long>> previous, Map<String, String> narrative) {
        return ReportInput.withCatalogues(
                year,
                root,
                profiles.get(root),
                units(),
                Cells.copyOf(figures),
                previous.map(Cells::copyOf),
                narrative,
                catalogue(CatalogueKind.FUNCTIONAL),
                catalogue(CatalogueKind.ECONOMIC));
    }

    UnitKind rootKind() {
        return profiles.get(root).kind();
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
