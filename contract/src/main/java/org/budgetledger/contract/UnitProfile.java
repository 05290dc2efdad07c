package org.budgetledger.contract;

/** A budget unit's profile for one fiscal year (PUT /api/v1/units/{unitCode}/years/{fiscalYear}). */
public record UnitProfile(
        String name, UnitKind kind, String parentUnitCode, String region, Staffing staffing, String duties) {}
