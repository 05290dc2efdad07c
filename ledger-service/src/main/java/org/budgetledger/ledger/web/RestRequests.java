package org.budgetledger.ledger.web;

import java.time.Clock;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.event.Recording;

/** What every REST use case reads from its request: the ledger its path names, and the record of the call. */
public final class RestRequests {

    private RestRequests() {}

    /** The ledger of {@code /units/{unitCode}/years/{fiscalYear}}; a malformed unit code or year is 422 naming unitCode. */
    public static LedgerId ledger(String unitCode, int fiscalYear) {
        try {
            return new LedgerId(unitCode, fiscalYear);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("path", "unitCode", e.getMessage());
        }
    }

    /** When, with which correlation id and over which channel the call was made: recorded with its event. */
    public static Recording recording(Clock clock) {
        return new Recording(clock.instant(), CorrelationFilter.current(), "rest");
    }
}
