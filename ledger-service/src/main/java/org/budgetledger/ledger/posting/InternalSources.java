package org.budgetledger.ledger.posting;

import java.util.Set;

/**
 * Source systems the ledger writes as itself: {@code year-close} records next year's opening balances. Their posting
 * ids are predictable ({@code CLOSE-<unit>-<year>-NNNN}), so a caller posting as one could invent carried-over balances
 * or take the ids the year close will need. No caller may, on any channel, whatever its credentials allow.
 */
public final class InternalSources {

    public static final String YEAR_CLOSE = "year-close";

    private static final Set<String> ALL = Set.of(YEAR_CLOSE);

    private InternalSources() {}

    public static boolean internal(String sourceSystem) {
        return sourceSystem != null && ALL.contains(sourceSystem);
    }

    public static String refusal(String sourceSystem) {
        return "sourceSystem " + sourceSystem + " is the ledger's own (its year close); no caller may post as it";
    }
}
