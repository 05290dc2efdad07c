package org.budgetledger.projection.storage;

import java.time.Instant;

/** An instant as nanoseconds since the epoch: exact (a BSON date keeps milliseconds), ordered as a number. */
public final class EpochNanos {

    private EpochNanos() {}

    public static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
