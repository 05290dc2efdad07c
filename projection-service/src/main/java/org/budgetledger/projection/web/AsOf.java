package org.budgetledger.projection.web;

import java.time.Instant;

/**
 * The {@code asOf} parameter of the as-of answers. Recording times are kept as a long of nanoseconds since the epoch
 * (exact, ordered), so an instant outside what that long holds is a caller's mistake to answer with 400, not an
 * overflow deep in a query.
 */
public final class AsOf {

    /** The first whole second whose nanoseconds a long holds (its fraction of a second may not be: not offered). */
    public static final Instant EARLIEST = Instant.ofEpochSecond(Long.MIN_VALUE / 1_000_000_000L);

    public static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private AsOf() {}

    /** @return asOf itself (null: now) when it can be answered */
    public static Instant checked(Instant asOf) {
        if (asOf != null && (asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST))) {
            throw new BadParameter("asOf", "asOf must lie between " + EARLIEST + " and " + LATEST + ": " + asOf);
        }
        return asOf;
    }
}
