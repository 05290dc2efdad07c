package org.budgetledger.projection.checks.domain;

import java.util.Comparator;
import java.util.Objects;
import org.budgetledger.contract.FundSource;

/** A balance of the department per fund source and 项 (7-digit functional code), as carried over at year close. */
public record BalanceKey(FundSource fundSource, String functionalCode) implements Comparable<BalanceKey> {

    private static final Comparator<BalanceKey> ORDER =
            Comparator.comparing(BalanceKey::fundSource).thenComparing(BalanceKey::functionalCode);

    public BalanceKey {
        Objects.requireNonNull(fundSource, "fundSource");
        Objects.requireNonNull(functionalCode, "functionalCode");
    }

    @Override
    public int compareTo(BalanceKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return fundSource.name().toLowerCase(java.util.Locale.ROOT) + " " + functionalCode;
    }
}
