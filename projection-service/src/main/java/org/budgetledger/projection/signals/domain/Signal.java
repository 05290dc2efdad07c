package org.budgetledger.projection.signals.domain;

import java.util.List;
import java.util.Map;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.checks.domain.Text;

/**
 * Something in a unit's year an auditor should look at, reproducible from its postings: each figure is a cell of
 * {@code cellKeys} (its audit trail at {@code unitCode} in {@code scope} gives it) or the exact sum of the listed
 * {@code postings}.
 *
 * @param unitCode the unit the signal is about: a member's own ledger, or the unit asked about for figures of the scope
 * @param scope    where the cells' audit trails are read: {@code self} (the unit alone) or {@code department}
 * @param figures  amounts as the cells answer prints them (万元, two decimals) with the exact yuan beside
 *                 ({@code …Yuan}); shares in percent with two decimals; dates, counts and thresholds
 */
public record Signal(
        SignalKind kind,
        Severity severity,
        String unitCode,
        String scope,
        Text message,
        Map<String, Object> figures,
        List<String> cellKeys,
        List<PostingRef> postings) {

    public Signal {
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
        cellKeys = List.copyOf(cellKeys);
        postings = List.copyOf(postings);
    }
}
