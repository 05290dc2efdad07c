package org.budgetledger.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closing balances (年末结转和结余) that a year's published tables state, for a year whose figures were imported
 * from its published document rather than recorded: per 项 of 政府性基金 (08) and 国有资本经营 (09); per fiscal fund
 * source from 04 what the tables do not break down by 项 (the general budget); and the rest of 01's total under the
 * non-fiscal sources (OTHER). Read in one place for both the ledger's year close and the projection's check L02.
 */
public final class PublishedBalances {

    /** One balance: {@code functionalCode} null where the tables give only the fund source's total. */
    public record Balance(FundSource fundSource, String functionalCode, long fen) {}

    private static final Pattern PER_ITEM = Pattern.compile("(08|09)/(\\d{7})/closing_balance");

    private PublishedBalances() {}

    public static List<Balance> of(Map<String, Long> cells) {
        List<Balance> balances = new ArrayList<>();
        long fiscal = 0;
        for (FundSource source :
                List.of(FundSource.GENERAL_BUDGET, FundSource.GOVERNMENT_FUND, FundSource.STATE_CAPITAL)) {
            long total = cells.getOrDefault(
                    "04/expenditure.closing_balance/" + source.name().toLowerCase(Locale.ROOT), 0L);
            fiscal += total;
            long perItem = 0;
            for (Map.Entry<String, Long> cell : cells.entrySet()) {
                Matcher m = PER_ITEM.matcher(cell.getKey());
                if (m.matches()
                        && (m.group(1).equals("08") ? FundSource.GOVERNMENT_FUND : FundSource.STATE_CAPITAL) == source
                        && cell.getValue() != 0) {
                    balances.add(new Balance(source, m.group(2), cell.getValue()));
                    perItem += cell.getValue();
                }
            }
            if (total - perItem != 0) {
                balances.add(new Balance(source, null, total - perItem));
            }
        }
        long rest = cells.getOrDefault("01/expenditure.closing_balance/amount", 0L) - fiscal;
        if (rest != 0) {
            balances.add(new Balance(FundSource.OTHER, null, rest));
        }
        return balances;
    }
}
