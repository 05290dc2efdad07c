package org.budgetledger.ledger.web;

import java.time.Clock;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.kit.security.Caller;

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

    /** When, with which correlation id, over which channel and by whom the call was made: recorded with its event. */
    public static Recording recording(Clock clock) {
        return recording(clock, "rest");
    }

    /** As {@link #recording(Clock)}, from another channel than the API's JSON ("file": an uploaded workbook). */
    public static Recording recording(Clock clock, String origin) {
        return new Recording(clock.instant(), CorrelationFilter.current(), origin, actor());
    }

    /** Who made the call, as access control authenticated them (the name its logs give). */
    public static String actor() {
        return Caller.current().map(Caller::name).orElse("access-control-off");
    }
}
