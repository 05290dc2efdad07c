package org.budgetledger.projection.apply;

/** Events of a stream are missing and could not be fetched yet: nothing is applied past the gap. */
public class GapException extends RuntimeException {
    public GapException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The ledger's event store answered and holds none of the missing events: whatever was delivered past them was
     * not published by the ledger (the event store is the authority), so waiting for them would stall for ever.
     */
    static final class Absent extends GapException {
        private final long from;

        Absent(String stream, long from, long to) {
            super(
                    "events " + from + ".." + to + " of " + stream + " are missing from the ledger's event store too",
                    null);
            this.from = from;
        }

        long from() {
            return from;
        }
    }
}
