package org.budgetledger.projection.checks.domain;

import java.util.HashMap;
import java.util.Map;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.PublishedBalances;

/**
 * The closing balances a year's published tables state ({@link PublishedBalances}) as balance keys: what the tables do
 * not break down by 项 is one balance of the fund source, under the code "-".
 */
public final class PublishedClosing {

    public static final String WHOLE_SOURCE = "-";

    private PublishedClosing() {}

    public static Map<BalanceKey, Long> of(Map<String, Long> cells) {
        Map<BalanceKey, Long> balances = new HashMap<>();
        for (PublishedBalances.Balance b : PublishedBalances.of(cells)) {
            String code = b.functionalCode() == null ? WHOLE_SOURCE : b.functionalCode();
            balances.merge(new BalanceKey(b.fundSource(), code), b.fen(), Long::sum);
        }
        return balances;
    }

    /**
     * This year's opening balances at the grain of published closing balances: a balance the published tables do not
     * break down (its source's "-") takes every opening of that source (of a non-fiscal source: OTHER's "-") that has
     * no balance of its own there.
     */
    public static Map<BalanceKey, Long> atTheirGrain(Map<BalanceKey, Long> opening, Map<BalanceKey, Long> published) {
        Map<BalanceKey, Long> grained = new HashMap<>();
        opening.forEach((key, fen) -> {
            FundSource source = key.fundSource().fiscal() ? key.fundSource() : FundSource.OTHER;
            BalanceKey whole = new BalanceKey(source, WHOLE_SOURCE);
            boolean own = published.containsKey(key);
            grained.merge(!own && published.containsKey(whole) ? whole : key, fen, Long::sum);
        });
        return grained;
    }
}
