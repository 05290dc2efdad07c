package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Set;

/**
 * A posting as the harness means it: the fields it sends, kept as plain values so that the expected state can be
 * computed without any of the services' code. Immutable; {@link #json()} renders the wire form (amount as sent).
 */
final class PostingSpec {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> FISCAL = Set.of("GENERAL_BUDGET", "GOVERNMENT_FUND", "STATE_CAPITAL");

    final String postingId;
    final String sourceSystem;
    final String unitCode;
    final int fiscalYear;
    final String type;
    final String fundSource;
    final String functionalCode;
    final String economicCode;
    final String expenditureKind;
    final String stage;
    /** fen; 0 for a REVERSAL */
    final long amountFen;
    /** the amount as sent: "1234.50", "1234.5" or "1234" */
    final String amountText;

    final String occurredOn;
    final String description;
    final String activityKind;
    final Integer activityPersons;
    final String procurementCategory;
    final boolean sme;
    final boolean smallMicro;
    final String reverses;
    final String reason;
    /** For a REVERSAL: the posting it reverses (the harness knows it). */
    final PostingSpec reversed;

    private PostingSpec(Builder b) {
        this.postingId = b.postingId;
        this.sourceSystem = b.sourceSystem;
        this.unitCode = b.unitCode;
        this.fiscalYear = b.fiscalYear;
        this.type = b.type;
        this.fundSource = b.fundSource;
        this.functionalCode = b.functionalCode;
        this.economicCode = b.economicCode;
        this.expenditureKind = b.expenditureKind;
        this.stage = b.stage;
        this.amountFen = b.amountFen;
        this.amountText = b.amountText;
        this.occurredOn = b.occurredOn;
        this.description = b.description;
        this.activityKind = b.activityKind;
        this.activityPersons = b.activityPersons;
        this.procurementCategory = b.procurementCategory;
        this.sme = b.sme;
        this.smallMicro = b.smallMicro;
        this.reverses = b.reverses;
        this.reason = b.reason;
        this.reversed = b.reversed;
    }

    /** The idempotency key: sourceSystem + postingId. */
    String key() {
        return sourceSystem + "|" + postingId;
    }

    boolean fiscal() {
        return fundSource != null && FISCAL.contains(fundSource);
    }

    /** +1 adds to what the fund source has available, -1 takes from it, 0 neither. */
    static int availabilityEffect(String type) {
        return switch (type) {
            case "APPROPRIATION", "INCOME", "OPENING_BALANCE", "FUND_OFFSET" -> 1;
            case "EXPENDITURE", "SURPLUS_DISTRIBUTION" -> -1;
            default -> 0;
        };
    }

    ObjectNode json() {
        ObjectNode n = JSON.createObjectNode();
        n.put("postingId", postingId);
        n.put("sourceSystem", sourceSystem);
        n.put("unitCode", unitCode);
        n.put("fiscalYear", fiscalYear);
        n.put("type", type);
        if (fundSource != null) {
            n.put("fundSource", fundSource);
        }
        if (functionalCode != null) {
            n.put("functionalCode", functionalCode);
        }
        if (economicCode != null) {
            n.put("economicCode", economicCode);
        }
        if (expenditureKind != null) {
            n.put("expenditureKind", expenditureKind);
        }
        if (stage != null) {
            n.put("stage", stage);
        }
        if (amountText != null) {
            n.put("amount", amountText);
        }
        if (occurredOn != null) {
            n.put("occurredOn", occurredOn);
        }
        if (description != null) {
            n.put("description", description);
        }
        if (activityKind != null) {
            ObjectNode a = n.putObject("activity");
            a.put("kind", activityKind);
            if (activityPersons != null) {
                a.put("groups", 1);
                a.put("persons", activityPersons);
            }
        }
        if (procurementCategory != null) {
            ObjectNode p = n.putObject("procurement");
            p.put("category", procurementCategory);
            p.put("smeAwarded", sme);
            p.put("smallMicroAwarded", smallMicro);
        }
        if (reverses != null) {
            n.put("reverses", reverses);
        }
        if (reason != null) {
            n.put("reason", reason);
        }
        return n;
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.postingId = postingId;
        b.sourceSystem = sourceSystem;
        b.unitCode = unitCode;
        b.fiscalYear = fiscalYear;
        b.type = type;
        b.fundSource = fundSource;
        b.functionalCode = functionalCode;
        b.economicCode = economicCode;
        b.expenditureKind = expenditureKind;
        b.stage = stage;
        b.amountFen = amountFen;
        b.amountText = amountText;
        b.occurredOn = occurredOn;
        b.description = description;
        b.activityKind = activityKind;
        b.activityPersons = activityPersons;
        b.procurementCategory = procurementCategory;
        b.sme = sme;
        b.smallMicro = smallMicro;
        b.reverses = reverses;
        b.reason = reason;
        b.reversed = reversed;
        return b;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Yuan text for fen, in one of three spellings the contract allows (2, 1 or 0 decimals when exact). */
    static String yuan(long fen, int style) {
        String full = BigDecimal.valueOf(fen, 2).toPlainString();
        if (style == 1 && fen % 10 == 0) {
            return BigDecimal.valueOf(fen / 10, 1).toPlainString();
        }
        if (style == 2 && fen % 100 == 0) {
            return String.valueOf(fen / 100);
        }
        return full;
    }

    static long fen(String yuan) {
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    static final class Builder {
        String postingId;
        String sourceSystem = "treasury-payments";
        String unitCode;
        int fiscalYear = 2019;
        String type;
        String fundSource;
        String functionalCode;
        String economicCode;
        String expenditureKind;
        String stage;
        long amountFen;
        String amountText;
        String occurredOn;
        String description;
        String activityKind;
        Integer activityPersons;
        String procurementCategory;
        boolean sme;
        boolean smallMicro;
        String reverses;
        String reason;
        PostingSpec reversed;

        Builder id(String v) {
            postingId = v;
            return this;
        }

        Builder source(String v) {
            sourceSystem = v;
            return this;
        }

        Builder unit(String v) {
            unitCode = v;
            return this;
        }

        Builder year(int v) {
            fiscalYear = v;
            return this;
        }

        Builder type(String v) {
            type = v;
            return this;
        }

        Builder fund(String v) {
            fundSource = v;
            return this;
        }

        Builder functional(String v) {
            functionalCode = v;
            return this;
        }

        Builder economic(String v) {
            economicCode = v;
            return this;
        }

        Builder kind(String v) {
            expenditureKind = v;
            return this;
        }

        Builder stage(String v) {
            stage = v;
            return this;
        }

        Builder amount(long fen, int style) {
            amountFen = fen;
            amountText = yuan(fen, style);
            return this;
        }

        Builder on(String v) {
            occurredOn = v;
            return this;
        }

        Builder description(String v) {
            description = v;
            return this;
        }

        Builder activity(String kind, Integer persons) {
            activityKind = kind;
            activityPersons = persons;
            return this;
        }

        Builder procurement(String category, boolean sme, boolean smallMicro) {
            procurementCategory = category;
            this.sme = sme;
            this.smallMicro = smallMicro;
            return this;
        }

        Builder reversal(PostingSpec target, String why) {
            type = "REVERSAL";
            reversed = target;
            reverses = target.postingId;
            sourceSystem = target.sourceSystem;
            unitCode = target.unitCode;
            fiscalYear = target.fiscalYear;
            reason = why;
            return this;
        }

        PostingSpec build() {
            return new PostingSpec(this);
        }
    }
}
