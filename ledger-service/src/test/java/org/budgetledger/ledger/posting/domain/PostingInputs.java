package org.budgetledger.ledger.posting.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Test data: a mutable builder of {@link PostingInput} with valid defaults per posting type for the ledger
 * HT-CAC:2019 (2019 ships a catalogue with 2013701, 2060199, 30101 … 31002).
 */
public final class PostingInputs {

    public static final String UNIT = "HT-CAC";
    public static final int YEAR = 2019;
    public static final String SOURCE = "treasury-payments";

    public String postingId;
    public String sourceSystem = SOURCE;
    public String unitCode = UNIT;
    public Integer fiscalYear = YEAR;
    public String type;
    public String fundSource;
    public String functionalCode;
    public String economicCode;
    public String expenditureKind;
    public String stage;
    String amount;
    String occurredOn;
    String description;
    PostingInput.ActivityInput activity;
    PostingInput.ProcurementInput procurement;
    String reverses;
    String reason;
    List<Violation> shapeViolations = new ArrayList<>();

    private PostingInputs(String postingId, String type) {
        this.postingId = postingId;
        this.type = type;
    }

    /** A movement of money or a record with the common fields (fund source, 项, amount, date) set. */
    private static PostingInputs movement(String id, String type, String fundSource, String amount) {
        PostingInputs b = new PostingInputs(id, type);
        b.fundSource = fundSource;
        b.functionalCode = "2013701";
        b.amount = amount;
        b.occurredOn = "2019-03-15";
        return b;
    }

    public static PostingInputs appropriation(String id, String amount) {
        return movement(id, "APPROPRIATION", "GENERAL_BUDGET", amount);
    }

    public static PostingInputs income(String id, String amount) {
        return movement(id, "INCOME", "OPERATING", amount);
    }

    public static PostingInputs expenditure(String id, String amount) {
        PostingInputs b = movement(id, "EXPENDITURE", "GENERAL_BUDGET", amount);
        b.economicCode = "30101";
        b.expenditureKind = "BASIC";
        return b;
    }

    public static PostingInputs openingBalance(String id, String amount) {
        return movement(id, "OPENING_BALANCE", "GENERAL_BUDGET", amount);
    }

    public static PostingInputs budget(String id, String amount) {
        PostingInputs b = movement(id, "BUDGET", "GENERAL_BUDGET", amount);
        b.stage = "INITIAL";
        return b;
    }

    public static PostingInputs procurement(String id, String amount) {
        PostingInputs b = movement(id, "PROCUREMENT", "GENERAL_BUDGET", amount);
        b.procurement = new PostingInput.ProcurementInput("GOODS", true, false);
        return b;
    }

    public static PostingInputs fundOffset(String id, String amount) {
        return movement(id, "FUND_OFFSET", "OPERATING", amount);
    }

    public static PostingInputs surplusDistribution(String id, String amount) {
        return movement(id, "SURPLUS_DISTRIBUTION", "OPERATING", amount);
    }

    public static PostingInputs reversal(String id, String reverses) {
        PostingInputs b = new PostingInputs(id, "REVERSAL");
        b.reverses = reverses;
        b.reason = "posted twice by mistake";
        return b;
    }

    public PostingInputs postingId(String v) {
        postingId = v;
        return this;
    }

    public PostingInputs sourceSystem(String v) {
        sourceSystem = v;
        return this;
    }

    public PostingInputs unitCode(String v) {
        unitCode = v;
        return this;
    }

    public PostingInputs fiscalYear(Integer v) {
        fiscalYear = v;
        return this;
    }

    public PostingInputs type(String v) {
        type = v;
        return this;
    }

    public PostingInputs fundSource(String v) {
        fundSource = v;
        return this;
    }

    public PostingInputs functionalCode(String v) {
        functionalCode = v;
        return this;
    }

    public PostingInputs economicCode(String v) {
        economicCode = v;
        return this;
    }

    public PostingInputs expenditureKind(String v) {
        expenditureKind = v;
        return this;
    }

    public PostingInputs stage(String v) {
        stage = v;
        return this;
    }

    public PostingInputs amount(String v) {
        amount = v;
        return this;
    }

    public PostingInputs occurredOn(String v) {
        occurredOn = v;
        return this;
    }

    public PostingInputs description(String v) {
        description = v;
        return this;
    }

    public PostingInputs activity(String kind, Integer groups, Integer persons) {
        activity = new PostingInput.ActivityInput(kind, groups, persons);
        return this;
    }

    public PostingInputs procurement(String category, Boolean sme, Boolean smallMicro) {
        procurement = new PostingInput.ProcurementInput(category, sme, smallMicro);
        return this;
    }

    public PostingInputs noProcurement() {
        procurement = null;
        return this;
    }

    public PostingInputs reverses(String v) {
        reverses = v;
        return this;
    }

    public PostingInputs reason(String v) {
        reason = v;
        return this;
    }

    public PostingInputs shapeViolation(Violation v) {
        shapeViolations.add(v);
        return this;
    }

    public PostingInput build() {
        return new PostingInput(
                postingId,
                sourceSystem,
                unitCode,
                fiscalYear,
                type,
                fundSource,
                functionalCode,
                economicCode,
                expenditureKind,
                stage,
                amount,
                occurredOn,
                description,
                activity,
                procurement,
                reverses,
                reason,
                shapeViolations);
    }
}
