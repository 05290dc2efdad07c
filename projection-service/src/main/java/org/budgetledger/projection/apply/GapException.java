package org.budgetledger.projection.apply;

/** Events of a stream are missing and could not be fetched yet: nothing is applied past the gap. */
public class GapException extends RuntimeException {
    public GapException(String message, Throwable cause) {
        super(message, cause);
    }
}
