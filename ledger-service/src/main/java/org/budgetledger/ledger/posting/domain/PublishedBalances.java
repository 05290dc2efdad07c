package org.budgetledger.ledger.posting.domain;

import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.event.YearClosed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closing balances (年末结转和结余) that a year's published tables state, for a year that holds imported figures:
 * per 项 of 政府性基金 (08) and 国有资本经营 (09), which become the next year's openings; and what the tables give only
 * as a total (the general budget in 04, the non-fiscal sources as the rest of 01), which is listed without a 项 and
 * carried nowhere: a preparer posts those openings with their 项. (The same cells as the projection's PublishedClosing,
 * read here to decide the close.)
 */
final class PublishedBalances {

    private static final Pattern PER_ITEM = Pattern.compile("(08|09)/(\\d{7})/closing_balance");

    private PublishedBalances() {
    }

    static List<YearClosed.ClosingBalance> of(Map<String, Long> cells) {
        List<YearClosed.ClosingBalance> balances = new ArrayList<>();
        long fiscal = 0;
        for (FundSource source : List.of(FundSource.GENERAL_BUDGET, FundSource.GOVERNMENT_FUND, FundSource.STATE_CAPITAL)) {
            long total = cells.getOrDefault("04/expenditure.closing_balance/" + source.name().toLowerCase(java.util.Locale.ROOT), 0L);
            fiscal += total;
            long perItem = 0;
            for (Map.Entry<String, Long> cell : cells.entrySet()) {
                Matcher m = PER_ITEM.matcher(cell.getKey());
                if (m.matches() && (m.group(1).equals("08") ? FundSource.GOVERNMENT_FUND : FundSource.STATE_CAPITAL) == source
                        && cell.getValue() != 0) {
                    balances.add(new YearClosed.ClosingBalance(source, m.group(2), null, Money.ofFen(cell.getValue()), null));
                    perItem += cell.getValue();
                }
            }
            if (total - perItem != 0) {
                balances.add(new YearClosed.ClosingBalance(source, null, null, Money.ofFen(total - perItem), null));
            }
        }
        long rest = cells.getOrDefault("01/expenditure.closing_balance/amount", 0L) - fiscal;
        if (rest != 0) {
            balances.add(new YearClosed.ClosingBalance(FundSource.OTHER, null, null, Money.ofFen(rest), null));
        }
        return balances;
    }
}
