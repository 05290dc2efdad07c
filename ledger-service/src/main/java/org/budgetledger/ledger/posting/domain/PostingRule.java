package org.budgetledger.ledger.posting.domain;

/**
 * Every rule a posting must satisfy, in one place (docs/POSTINGS.md#validation-rules lists them). The code is the
 * {@code error} of a 422 answer and of a DLQ record; the field is the JSON field the message names. Each rule has a
 * given-when-then test in {@code LedgerRulesTest}.
 */
public enum PostingRule {
    // the shape of the JSON document
    UNKNOWN_FIELD("field.unknown", null, "is not a field of a posting"),
    WRONG_JSON_TYPE("field.type", null, "has the wrong JSON type"),

    // identity and routing
    POSTING_ID_REQUIRED("postingId.required", "postingId", "is required"),
    POSTING_ID_FORMAT("postingId.format", "postingId", "must be 1-64 characters of A-Z a-z 0-9 . _ : -"),
    SOURCE_SYSTEM_REQUIRED("sourceSystem.required", "sourceSystem", "is required"),
    SOURCE_SYSTEM_FORMAT("sourceSystem.format", "sourceSystem", "must be 1-64 printable characters"),
    UNIT_CODE_REQUIRED("unitCode.required", "unitCode", "is required"),
    UNIT_CODE_FORMAT("unitCode.format", "unitCode", "must match [A-Za-z0-9][A-Za-z0-9._-]{0,31}"),
    FISCAL_YEAR_REQUIRED("fiscalYear.required", "fiscalYear", "is required"),
    FISCAL_YEAR_RANGE("fiscalYear.range", "fiscalYear", "must be a year between 1990 and 2100"),
    TYPE_REQUIRED("type.required", "type", "is required"),
    TYPE_UNKNOWN("type.unknown", "type", "is not a posting type"),

    // the ledger
    UNIT_NOT_REGISTERED("unit.not_registered", "unitCode", "has no unit profile for this fiscal year"),
    YEAR_CLOSED("year.closed", "fiscalYear", "is closed for this unit: no further postings"),
    YEAR_IMPORTED(
            "year.imported",
            "fiscalYear",
            "holds published figures imported from a file: a year holds postings or imported figures, never both"),
    CATALOGUE_MISSING("catalogue.missing", "fiscalYear", "has no classification catalogue"),

    // fields against the type
    FIELD_NOT_FOR_TYPE("field.not_allowed", null, "does not apply to this posting type"),
    FUND_SOURCE_REQUIRED("fundSource.required", "fundSource", "is required for this posting type"),
    FUND_SOURCE_UNKNOWN("fundSource.unknown", "fundSource", "is not a fund source"),
    FUND_SOURCE_NOT_FOR_TYPE("fundSource.not_allowed", "fundSource", "is not allowed for this posting type"),
    FUNCTIONAL_CODE_REQUIRED("functionalCode.required", "functionalCode", "is required for this posting type"),
    FUNCTIONAL_CODE_LEVEL("functionalCode.level", "functionalCode", "must be a 项-level code of 7 digits"),
    FUNCTIONAL_CODE_UNKNOWN(
            "functionalCode.unknown", "functionalCode", "is not in the fiscal year's catalogue (with its 类 and 款)"),
    ECONOMIC_CODE_REQUIRED("economicCode.required", "economicCode", "is required for this posting type"),
    ECONOMIC_CODE_LEVEL("economicCode.level", "economicCode", "must be a 款-level code of 5 digits"),
    ECONOMIC_CODE_UNKNOWN("economicCode.unknown", "economicCode", "is not in the fiscal year's catalogue (with its 类)"),
    EXPENDITURE_KIND_REQUIRED("expenditureKind.required", "expenditureKind", "is required for this posting type"),
    EXPENDITURE_KIND_UNKNOWN("expenditureKind.unknown", "expenditureKind", "is not an expenditure kind"),
    EXPENDITURE_KIND_NOT_FOR_FISCAL(
            "expenditureKind.not_allowed", "expenditureKind", "must be BASIC or PROJECT for a fiscal fund source"),
    STAGE_REQUIRED("stage.required", "stage", "is required for a BUDGET posting"),
    STAGE_UNKNOWN("stage.unknown", "stage", "must be INITIAL, INCREASE or DECREASE"),
    AMOUNT_REQUIRED("amount.required", "amount", "is required"),
    AMOUNT_FORMAT(
            "amount.format",
            "amount",
            "must be a yuan amount as a JSON string with at most 2 decimals, e.g. \"4275.50\""),
    AMOUNT_NOT_POSITIVE("amount.not_positive", "amount", "must be greater than 0"),
    AMOUNT_TOO_LARGE("amount.too_large", "amount", "must be at most 999999999999.99"),
    OCCURRED_ON_REQUIRED("occurredOn.required", "occurredOn", "is required"),
    OCCURRED_ON_FORMAT("occurredOn.format", "occurredOn", "must be an ISO date (yyyy-MM-dd)"),
    OCCURRED_ON_OUTSIDE_YEAR("occurredOn.outside_year", "occurredOn", "must lie inside the fiscal year"),
    PROCUREMENT_REQUIRED("procurement.required", "procurement", "is required for a PROCUREMENT posting"),
    PROCUREMENT_CATEGORY("procurement.category", "procurement.category", "must be GOODS, WORKS or SERVICES"),
    PROCUREMENT_AWARDS(
            "procurement.awards",
            "procurement.smeAwarded",
            "must be true when smallMicroAwarded is true (small-micro firms are SMEs)"),
    ACTIVITY_KIND(
            "activity.kind",
            "activity.kind",
            "must be MEETING, TRAINING, FESTIVAL, RECEPTION, OVERSEAS_TRIP or VEHICLE"),
    ACTIVITY_COUNT("activity.count", "activity", "counts must be whole numbers from 0 to 1000000"),
    TEXT_TOO_LONG("text.too_long", null, "is longer than 2000 characters"),
    TEXT_CONTROL_CHARACTERS(
            "text.control",
            null,
            "contains control characters or unpaired surrogates (only tab and line breaks are allowed)"),
    REASON_REQUIRED("reason.required", "reason", "is required for a REVERSAL"),
    REVERSES_REQUIRED("reverses.required", "reverses", "is required for a REVERSAL"),
    REVERSES_UNKNOWN("reverses.unknown", "reverses", "names no posting of this source system in this ledger"),
    REVERSES_ALREADY_REVERSED("reverses.already_reversed", "reverses", "names a posting that is already reversed"),
    REVERSES_A_REVERSAL(
            "reverses.reversal",
            "reverses",
            "names a REVERSAL, which cannot be reversed (post the original again under a new postingId)"),

    // availability (opening + income + fund offsets − expenditure − surplus distributions, per unit and fund source)
    INSUFFICIENT_FUNDS("availability.insufficient", "amount", "exceeds what the unit's fund source has available"),
    REVERSAL_OVERDRAWS(
            "availability.reversal",
            "reverses",
            "would leave the unit's fund source with less than nothing available (the money is already spent)"),
    LEDGER_TOTAL_OVERFLOW(
            "ledger.overflow",
            "amount",
            "would take one of the ledger's totals beyond what it can hold exactly (±92 233 720 368 547.75 yuan)");

    private final String code;
    private final String field;
    private final String description;

    PostingRule(String code, String field, String description) {
        this.code = code;
        this.field = field;
        this.description = description;
    }

    public String code() {
        return code;
    }

    /** The JSON field this rule is about, or null when it depends on the case (see {@link Violation#field()}). */
    public String field() {
        return field;
    }

    public String description() {
        return description;
    }

    /** Whether the ledger holds something in the posting's place (409) rather than the posting being invalid (422). */
    public boolean isConflict() {
        return this == YEAR_IMPORTED;
    }

    public Violation violation(String detail) {
        return Violation.of(this, field, detail);
    }

    public Violation violation() {
        return Violation.of(this, field, null);
    }

    public Violation violationOf(String field, String detail) {
        return Violation.of(this, field, detail);
    }
}
