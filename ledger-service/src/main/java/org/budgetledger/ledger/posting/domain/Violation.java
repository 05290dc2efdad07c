package org.budgetledger.ledger.posting.domain;

/** A broken rule: the code, the JSON field it is about and a message that names the field. */
public record Violation(String error, String field, String message) {

    static Violation of(PostingRule rule, String field, String detail) {
        String subject = field == null ? "posting" : field;
        String message = subject + " " + rule.description() + (detail == null ? "" : " (" + detail + ")");
        return new Violation(rule.code(), field, message);
    }
}
