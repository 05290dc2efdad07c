package org.budgetledger.ledger.posting.domain;

import java.util.List;

/**
 * A posting as received, before validation: every field as the text it was sent as (null when absent), and the
 * shape problems found while reading the JSON (unknown fields, wrong JSON types). The ledger decides on it.
 */
public record PostingInput(
        String postingId,
        String sourceSystem,
        String unitCode,
        Integer fiscalYear,
        String type,
        String fundSource,
        String functionalCode,
        String economicCode,
        String expenditureKind,
        String stage,
        String amount,
        String occurredOn,
        String description,
        ActivityInput activity,
        ProcurementInput procurement,
        String reverses,
        String reason,
        List<Violation> shapeViolations) {

    public PostingInput {
        shapeViolations = shapeViolations == null ? List.of() : List.copyOf(shapeViolations);
    }

    public record ActivityInput(String kind, Integer groups, Integer persons) {}

    public record ProcurementInput(String category, Boolean smeAwarded, Boolean smallMicroAwarded) {}
}
