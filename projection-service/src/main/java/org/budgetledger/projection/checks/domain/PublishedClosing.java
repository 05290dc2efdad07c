package org.budgetledger.projection.checks.domain;

import org.budgetledger.contract.FundSource;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closing balances (年末结转和结余) a year's published tables state, for a year whose figures were imported from
 * its published document rather than recorded: per fiscal fund source from 04, per 项 for 政府性基金 (08) and 国有资本
 * 经营 (09), and the rest of 01's total under the non-fiscal sources. What the tables do not break down (general budget
 * per 项) is one balance of the fund source, under the code "-".
 */
public final class PublishedClosing {

    public static final String WHOLE_SOURCE = "-";
    private static final Pattern PER_ITEM = Pattern.compile("(08|09)/(\\d{7})/closing_balance");

    private PublishedClosing() {
    }

    public static Map<BalanceKey, Long> of(Map<String, Long> cells) {
        Map<BalanceKey, Long> balances = new HashMap<>();
        long fiscal = 0;
        for (FundSource source : new FundSource[] {FundSource.GENERAL_BUDGET, FundSource.GOVERNMENT_FUND, FundSource.STATE_CAPITAL}) {
            long total = cells.getOrDefault("04/expenditure.closing_balance/" + source.name().toLowerCase(java.util.Locale.ROOT), 0L);
            fiscal += total;
            long perItem = 0;
            for (Map.Entry<String, Long> cell : cells.entrySet()) {
                Matcher m = PER_ITEM.matcher(cell.getKey());
                if (m.matches() && (m.group(1).equals("08") ? FundSource.GOVERNMENT_FUND : FundSource.STATE_CAPITAL) == source) {
                    balances.merge(new BalanceKey(source, m.group(2)), cell.getValue(), Long::sum);
                    perItem += cell.getValue();
                }
            }
            if (total - perItem != 0) {
                balances.merge(new BalanceKey(source, WHOLE_SOURCE), total - perItem, Long::sum);
            }
        }
        long rest = cells.getOrDefault("01/expenditure.closing_balance/amount", 0L) - fiscal;
        if (rest != 0) {
            balances.merge(new BalanceKey(FundSource.OTHER, WHOLE_SOURCE), rest, Long::sum);
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
