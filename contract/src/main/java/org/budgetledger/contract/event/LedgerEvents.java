package org.budgetledger.contract.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event types of ledger.events, by the name an {@link EventEnvelope} gives as its {@code type}. */
public final class LedgerEvents {

    public static final List<Class<? extends LedgerEvent>> TYPES = List.of(
            UnitProfiled.class, NarrativeRecorded.class, YearClosed.class, CatalogueRevised.class,
            AppropriationRecorded.class, IncomeRecorded.class, ExpenditureRecorded.class,
            OpeningBalanceRecorded.class, BudgetRecorded.class, ProcurementRecorded.class,
            FundOffsetRecorded.class, SurplusDistributionRecorded.class, PostingReversed.class, FiguresImported.class);

    private static final Map<String, Class<? extends LedgerEvent>> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private LedgerEvents() {
    }

    public static Optional<Class<? extends LedgerEvent>> byName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    public static String nameOf(Class<?> type) {
        return type.getSimpleName();
    }
}
