package org.budgetledger.projection.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A unit's headline figures for a year, in 万元 as published: what a dashboard puts side by side. Sangong maps each
 * 三公 item (total, overseas_travel, vehicles, vehicle_purchase, vehicle_operation, reception) to {budget, actual}.
 * {@code signals}: how many signals the unit's year has in the same scope (docs/SIGNALS.md; auditors read them at
 * {@code /api/v1/final-accounts/{unit}/{year}/signals}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Headline(
        String unitCode,
        int fiscalYear,
        String name,
        String kind,
        String parentUnitCode,
        String region,
        String income,
        String expenditure,
        String basic,
        String project,
        String operatingCosts,
        String closingBalance,
        Map<String, Map<String, String>> sangong,
        Change expenditureChange,
        long position,
        int signals) {

    /** Against the previous year's ledger, when there is one. */
    public record Change(String previous, String delta, String growthPercent) {}
}
