package org.budgetledger.ledger.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The posting contract (docs/POSTINGS.md#posting-fields) written out for the oracle and the generators: the fields a
 * posting has, the constants of its enums, the formats of its texts and what each type does to availability. Copied
 * from the document, not from the service's code.
 */
final class PostingContract {

    /** A plain mapper, as the service's parser reads JSON: the last of duplicate keys wins. */
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> FIELDS = List.of(
            "postingId",
            "sourceSystem",
            "unitCode",
            "fiscalYear",
            "type",
            "fundSource",
            "functionalCode",
            "economicCode",
            "expenditureKind",
            "stage",
            "amount",
            "occurredOn",
            "description",
            "activity",
            "procurement",
            "reverses",
            "reason");
    static final List<String> ACTIVITY_FIELDS = List.of("kind", "groups", "persons");
    static final List<String> PROCUREMENT_FIELDS = List.of("category", "smeAwarded", "smallMicroAwarded");
    /** Every field, and every field of a nested object as {@code parent.field}. */
    static final Set<String> PATHS;

    static final List<String> TEXT_PATHS = List.of(
            "postingId",
            "sourceSystem",
            "unitCode",
            "type",
            "fundSource",
            "functionalCode",
            "economicCode",
            "expenditureKind",
            "stage",
            "amount",
            "occurredOn",
            "description",
            "reverses",
            "reason",
            "activity.kind",
            "procurement.category");

    static {
        Set<String> paths = new LinkedHashSet<>(FIELDS);
        ACTIVITY_FIELDS.forEach(f -> paths.add("activity." + f));
        PROCUREMENT_FIELDS.forEach(f -> paths.add("procurement." + f));
        PATHS = java.util.Collections.unmodifiableSet(paths);
    }

    static final List<String> TYPES = List.of(
            "APPROPRIATION",
            "INCOME",
            "EXPENDITURE",
            "OPENING_BALANCE",
            "BUDGET",
            "PROCUREMENT",
            "FUND_OFFSET",
            "SURPLUS_DISTRIBUTION",
            "REVERSAL");
    static final List<String> FISCAL = List.of("GENERAL_BUDGET", "GOVERNMENT_FUND", "STATE_CAPITAL");
    static final List<String> NON_FISCAL =
            List.of("SUPERIOR_SUBSIDY", "OPERATING", "BUSINESS", "AFFILIATE_REMITTANCE", "OTHER");
    static final List<String> FUND_SOURCES =
            Stream.concat(FISCAL.stream(), NON_FISCAL.stream()).toList();
    static final List<String> KINDS =
            List.of("BASIC", "PROJECT", "REMIT_TO_SUPERIOR", "BUSINESS", "SUBSIDY_TO_AFFILIATES");
    static final List<String> STAGES = List.of("INITIAL", "INCREASE", "DECREASE");
    static final List<String> CATEGORIES = List.of("GOODS", "WORKS", "SERVICES");
    static final List<String> ACTIVITY_KINDS =
            List.of("MEETING", "TRAINING", "FESTIVAL", "RECEPTION", "OVERSEAS_TRIP", "VEHICLE");
    static final Map<String, List<String>> ENUMS = Map.of(
            "type",
            TYPES,
            "fundSource",
            FUND_SOURCES,
            "expenditureKind",
            KINDS,
            "stage",
            STAGES,
            "procurement.category",
            CATEGORIES,
            "activity.kind",
            ACTIVITY_KINDS);

    static final Pattern POSTING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,2})?");
    static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    private PostingContract() {}

    static boolean in(List<String> values, String value) {
        return value != null && values.contains(value);
    }

    /** What a type does to its fund source's availability: adds (1), takes (-1) or neither (0). */
    static int effect(String type) {
        return switch (type) {
            case "APPROPRIATION", "INCOME", "OPENING_BALANCE", "FUND_OFFSET" -> 1;
            case "EXPENDITURE", "SURPLUS_DISTRIBUTION" -> -1;
            default -> 0;
        };
    }
}
