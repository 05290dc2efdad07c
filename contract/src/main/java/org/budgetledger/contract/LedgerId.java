package org.budgetledger.contract;

import java.util.regex.Pattern;

/**
 * One ledger: a unit's fiscal year. Written "HT-CAC:2019"; ':' cannot occur in a unit code, so the form is
 * unambiguous. It is the aggregate identifier, the Kafka key of ledger.events and the stream of its events.
 */
public record LedgerId(String unitCode, int fiscalYear) {

    public static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    public static final int MIN_YEAR = 1990;
    public static final int MAX_YEAR = 2100;

    public LedgerId {
        if (unitCode == null || !UNIT_CODE.matcher(unitCode).matches()) {
            throw new IllegalArgumentException("unitCode must match " + UNIT_CODE + ": " + unitCode);
        }
        if (fiscalYear < MIN_YEAR || fiscalYear > MAX_YEAR) {
            throw new IllegalArgumentException(
                    "fiscalYear out of range " + MIN_YEAR + ".." + MAX_YEAR + ": " + fiscalYear);
        }
    }

    public static LedgerId parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a ledger id: " + text);
        }
        return new LedgerId(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    public LedgerId nextYear() {
        return new LedgerId(unitCode, fiscalYear + 1);
    }

    @Override
    public String toString() {
        return unitCode + ":" + fiscalYear;
    }
}
