package org.budgetledger.contract.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event types of ledger.events, by the name an {@link EventEnvelope} gives as its {@code type}. */
public final class LedgerEvents {

    /** Every concrete event type: the records that the sealed hierarchy of {@link LedgerEvent} permits. */
    public static final List<Class<? extends LedgerEvent>> TYPES = concrete(LedgerEvent.class);

    private static final Map<String, Class<? extends LedgerEvent>> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private LedgerEvents() {}

    @SuppressWarnings("unchecked")
    private static List<Class<? extends LedgerEvent>> concrete(Class<?> type) {
        if (!type.isSealed()) {
            return List.of((Class<? extends LedgerEvent>) type);
        }
        return java.util.Arrays.stream(type.getPermittedSubclasses())
                .flatMap(c -> concrete(c).stream())
                .toList();
    }

    public static Optional<Class<? extends LedgerEvent>> byName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    public static String nameOf(Class<?> type) {
        return type.getSimpleName();
    }
}
