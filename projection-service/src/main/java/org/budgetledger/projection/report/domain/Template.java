package org.budgetledger.projection.report.domain;

import java.util.List;
import java.util.Optional;

/**
 * A disclosure template, versioned by (region, fiscal year) (docs/DOMAIN.md#tables-and-templates): the tables and how they print, the
 * 情况说明 outline and wording, the 名词解释, how the text writes numbers.
 *
 * @param outline      the 情况说明 sections in order; numbered 一、二、… by position
 * @param glossary     第四部分 名词解释, one entry per paragraph
 * @param numbers      how the 情况说明 writes amounts and percents
 */
public record Template(
        String id,
        int firstYear,
        int lastYear,
        List<TableSpec> tables,
        List<Topic> outline,
        Wording wording,
        List<String> glossary,
        TextNumbers numbers) {

    /** The 情况说明 sections a template can print. */
    public enum Topic {
        TOTALS,
        INCOME,
        EXPENDITURE,
        FISCAL_TOTALS,
        GENERAL_BUDGET,
        BASIC,
        SANGONG,
        GOVERNMENT_FUND,
        STATE_CAPITAL,
        PERFORMANCE,
        OTHER_MATTERS
    }

    public Template {
        tables = List.copyOf(tables);
        outline = List.copyOf(outline);
        glossary = List.copyOf(glossary);
    }

    /** The Hunan county template of the fiscal year: 2019 format up to 2019, the 9-table format from 2020. */
    public static Template forYear(int fiscalYear) {
        return fiscalYear <= Templates.HUNAN_2019.lastYear() ? Templates.HUNAN_2019 : Templates.HUNAN_2020;
    }

    public Optional<TableSpec> table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public boolean covers(int fiscalYear) {
        return fiscalYear >= firstYear && fiscalYear <= lastYear;
    }
}
