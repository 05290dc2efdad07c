package org.budgetledger.ledger.posting.domain;

/** What became of one posting: recorded (with its event), a duplicate, a conflict, or rejected by a rule. */
public record PostingOutcome(String postingId, Status status, String eventId, Long sequence, Violation violation) {

    public enum Status {
        RECORDED,
        DUPLICATE,
        CONFLICT,
        REJECTED
    }

    public static PostingOutcome recorded(String postingId, String eventId, long sequence) {
        return new PostingOutcome(postingId, Status.RECORDED, eventId, sequence, null);
    }

    public static PostingOutcome duplicate(String postingId) {
        return new PostingOutcome(postingId, Status.DUPLICATE, null, null, null);
    }

    public static PostingOutcome conflict(String postingId, String message) {
        return new PostingOutcome(
                postingId, Status.CONFLICT, null, null, new Violation("conflict", "postingId", message));
    }

    /** Refused because the ledger holds something that excludes it (409), with the rule's code and message. */
    public static PostingOutcome conflicting(String postingId, Violation violation) {
        return new PostingOutcome(postingId, Status.CONFLICT, null, null, violation);
    }

    public static PostingOutcome rejected(String postingId, Violation violation) {
        return new PostingOutcome(postingId, Status.REJECTED, null, null, violation);
    }
}
