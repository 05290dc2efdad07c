package org.budgetledger.projection.report.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A budget unit's annual final-accounts disclosure (部门决算公开, docs/DOMAIN.md#disclosure-package) as printed, independent of any output
 * format: cover (unit name, 「{Y}年度部门决算」), 目录, 第一部分 概况, 第二部分 the tables, 第三部分 情况说明, 第四部分 名词解释,
 * 第五部分 其他 (only when there is a 绩效自评报告) and the contact line. {@code source}: where the figures came from
 * when they are not the ledger's own (published figures imported from a document), printed under the cover title.
 */
public record Report(
        String templateId,
        int fiscalYear,
        String unitCode,
        String unitName,
        String coverTitle,
        List<ContentsEntry> contents,
        TextPart overview,
        TablePart tables,
        TextPart explanation,
        TextPart glossary,
        Optional<TextPart> other,
        Optional<String> contact,
        List<String> constituentUnits,
        Optional<String> source) {

    public Report {
        contents = List.copyOf(contents);
        constituentUnits = List.copyOf(constituentUnits);
    }

    /** The same report, saying where its figures came from. */
    public Report withSource(String text) {
        return new Report(
                templateId,
                fiscalYear,
                unitCode,
                unitName,
                coverTitle,
                contents,
                overview,
                tables,
                explanation,
                glossary,
                other,
                contact,
                constituentUnits,
                Optional.of(text));
    }

    public Optional<ReportTable> table(String id) {
        return tables.tables().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The text parts in order (概况, 情况说明, 名词解释, 其他); the tables part sits between the first two. */
    public List<TextPart> textParts() {
        List<TextPart> parts = new ArrayList<>(List.of(overview, explanation, glossary));
        other.ifPresent(parts::add);
        return parts;
    }
}
