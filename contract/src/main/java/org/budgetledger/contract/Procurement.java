package org.budgetledger.contract;

/** A government procurement contract's facts (contract-signed basis). 小微 ⊆ 中小. */
public record Procurement(Category category, boolean smeAwarded, boolean smallMicroAwarded) {

    public enum Category {
        GOODS,
        WORKS,
        SERVICES
    }
}
