package org.budgetledger.projection.report.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.budgetledger.contract.Staffing;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;

/**
 * Builds the {@link Report} of a department and fiscal year from its exact figures, the previous year's when held,
 * the narrative sections and the year's catalogue names, with the template of the fiscal year (or a given one).
 * Pure: no I/O, no clock.
 */
public final class ReportBuilder {

    private ReportBuilder() {}

    public static Report build(ReportInput input) {
        return build(input, Template.forYear(input.fiscalYear()));
    }

    public static Report build(ReportInput input, Template template) {
        Wording w = template.wording();
        int year = input.fiscalYear();
        UnitProfile profile = input.profile();
        String unitName =
                profile.name() != null ? profile.name() : input.units().get(0).name();
        Narrative narrative = new Narrative(input.narrative());
        FigureView figures = new FigureView(input.figures());
        TableBuilder tableBuilder =
                new TableBuilder(figures, input.functionalNames(), input.economicNames(), unitName, w);
        Explanation explanation = new Explanation(template, input, unitName, figures, tableBuilder);

        // 第一部分 概况
        List<String> constituents = constituents(input, w, unitName);
        TextPart overview = overview(input, w, narrative, unitName, constituents);

        // 第二部分 tables
        List<ReportTable> tables =
                template.tables().stream().map(tableBuilder::build).toList();
        TablePart tablePart =
                new TablePart(w.get("part.tables.number"), w.fill("part.tables.title", "Y", year), tables);

        // 第三部分 情况说明
        List<Section> sections = explanation.sections();
        TextPart explanationPart =
                new TextPart(w.get("part.explanation.number"), w.fill("part.explanation.title", "Y", year), sections);

        // 第四部分 名词解释, 第五部分 其他
        TextPart glossary = new TextPart(
                w.get("part.glossary.number"),
                w.get("part.glossary.title"),
                List.of(Section.of("", template.glossary())));
        List<String> report = narrative.paragraphs(Narrative.PERFORMANCE_REPORT);
        Optional<TextPart> other = report.isEmpty()
                ? Optional.empty()
                : Optional.of(new TextPart(
                        w.get("part.other.number"), w.get("part.other.title"), List.of(Section.of("", report))));

        List<ContentsEntry> contents =
                contents(w, template, explanation, new Parts(overview, tablePart, explanationPart, glossary, other));

        return new Report(
                template.id(),
                year,
                input.unitCode(),
                unitName,
                w.fill("cover.title", "Y", year),
                contents,
                overview,
                tablePart,
                explanationPart,
                glossary,
                other,
                narrative.text(Narrative.CONTACT),
                constituents,
                Optional.empty());
    }

    /** The unit itself, then the units its figures consolidate. */
    private static List<String> constituents(ReportInput input, Wording w, String unitName) {
        List<String> constituents = new ArrayList<>();
        constituents.add(w.fill("overview.constituents.self", "单位", unitName));
        input.units().stream().skip(1).map(ReportInput.Unit::name).forEach(constituents::add);
        return constituents;
    }

    /** 第一部分 概况: duties, organization, the units consolidated. */
    private static TextPart overview(
            ReportInput input, Wording w, Narrative narrative, String unitName, List<String> constituents) {
        UnitProfile profile = input.profile();
        int year = input.fiscalYear();
        String duties = narrative
                .text(Narrative.DUTIES)
                .or(() -> Optional.ofNullable(profile.duties())
                        .filter(d -> !d.isBlank())
                        .map(String::strip))
                .orElse(w.get("overview.none"));
        List<String> organization = new ArrayList<>(narrative.paragraphs(Narrative.ORGANIZATION));
        if (organization.isEmpty()) {
            UnitKind kind = profile.kind() != null
                    ? profile.kind()
                    : input.units().get(0).kind();
            String sentence = w.fill(
                    "overview.organization",
                    "kind",
                    kind == null ? w.get("overview.kind.OTHER") : w.get("overview.kind." + kind.name()),
                    "n",
                    input.units().size());
            organization.add(sentence + staffing(w, profile.staffing()));
        }
        return new TextPart(
                w.get("part.overview.number"),
                w.fill("part.overview.title", "单位", unitName),
                List.of(
                        Section.of(w.get("overview.duties.heading"), Narrative.paragraphsOf(duties)),
                        new Section(
                                w.get("overview.organization.heading"),
                                List.of(),
                                List.of(
                                        Section.of(w.get("overview.institutions.heading"), organization),
                                        Section.of(
                                                w.get("overview.constituents.heading"),
                                                List.of(w.fill(
                                                        "overview.constituents",
                                                        "单位",
                                                        unitName,
                                                        "Y",
                                                        year,
                                                        "units",
                                                        String.join("、", constituents))))))));
    }

    /** The report's parts, in their order. */
    private record Parts(
            TextPart overview, TablePart tables, TextPart explanation, TextPart glossary, Optional<TextPart> other) {}

    /** 目录: the parts, the overview's two headings, every table and every heading of the explanation. */
    private static List<ContentsEntry> contents(Wording w, Template template, Explanation explanation, Parts parts) {
        TextPart overview = parts.overview();
        TablePart tablePart = parts.tables();
        TextPart explanationPart = parts.explanation();
        TextPart glossary = parts.glossary();
        Optional<TextPart> other = parts.other();
        List<ReportTable> tables = tablePart.tables();
        List<ContentsEntry> contents = new ArrayList<>();
        contents.add(new ContentsEntry(0, overview.number() + overview.title()));
        contents.add(new ContentsEntry(1, w.get("overview.duties.heading")));
        contents.add(new ContentsEntry(1, w.get("overview.organization.contents")));
        contents.add(new ContentsEntry(0, tablePart.number() + tablePart.title()));
        for (int i = 0; i < tables.size(); i++) {
            contents.add(new ContentsEntry(
                    1, Numerals.of(i + 1) + "、" + tables.get(i).title()));
        }
        contents.add(new ContentsEntry(0, explanationPart.number() + explanationPart.title()));
        for (int i = 0; i < template.outline().size(); i++) {
            contents.add(new ContentsEntry(
                    1,
                    Numerals.of(i + 1) + "、"
                            + explanation.contentsTitle(template.outline().get(i))));
        }
        contents.add(new ContentsEntry(0, glossary.number() + glossary.title()));
        other.ifPresent(o -> contents.add(new ContentsEntry(0, o.number() + o.title())));

        return contents;
    }

    private static String staffing(Wording w, Staffing s) {
        if (s == null) {
            return "";
        }
        return w.fill(
                "overview.staffing",
                "authorized",
                n(s.authorized()),
                "actual",
                n(s.actual()),
                "active",
                n(s.active()),
                "retiredCadres",
                n(s.retiredCadres()),
                "retired",
                n(s.retired()));
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
