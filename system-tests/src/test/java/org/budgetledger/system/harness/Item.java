package org.budgetledger.system.harness;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One posting document the harness sends once (retries aside), with what it expects and what it got back.
 */
final class Item {

    enum Kind {
        /** a posting the ledger must record (once) */
        VALID,
        /** the same sourceSystem + postingId and identical content as a valid posting: recorded once in all */
        DUPLICATE,
        /** the same sourceSystem + postingId as a recorded posting with other content (or another ledger): 409 / DLQ */
        CONFLICT,
        /** breaks a rule of the contract: 422 (or 403) / DLQ with the rule's code */
        INVALID,
        /** not a posting at all (not JSON, not an object): 400 / DLQ malformed_json */
        GARBAGE
    }

    enum Channel {
        REST_SINGLE,
        REST_BATCH,
        KAFKA
    }

    /** One HTTP attempt: when, and what came back (status, or -1 with the exception). */
    record Attempt(long startMillis, long endMillis, int status, String failure) {
        boolean serverError() {
            return status < 0 || status >= 500;
        }
    }

    final int seq;
    final Kind kind;
    final Channel channel;
    /** the JSON text sent (or the raw garbage; null for a Kafka tombstone) */
    final String payload;
    /** Kafka record key */
    final String key;
    /** the ledger's unit the item goes to ("" when it names none) */
    final String unit;
    /** VALID: the posting; DUPLICATE/CONFLICT: the recorded posting it repeats; else null */
    final PostingSpec posting;
    /** the error code expected (422 error, DLQ header); null for VALID/DUPLICATE */
    final String expectedError;
    /** the REST status expected: 201 (or 200), 409, 422, 400, 403 */
    final int expectedStatus;
    /** what the item is about, for reports */
    final String label;

    volatile int restStatus = -1;
    volatile String restError;
    volatile long answeredAt;
    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    volatile int partition = -1;
    volatile long offset = -1;
    volatile String kafkaFailure;

    Item(
            int seq,
            Kind kind,
            Channel channel,
            String payload,
            String key,
            String unit,
            PostingSpec posting,
            String expectedError,
            int expectedStatus,
            String label) {
        this.seq = seq;
        this.kind = kind;
        this.channel = channel;
        this.payload = payload;
        this.key = key;
        this.unit = unit;
        this.posting = posting;
        this.expectedError = expectedError;
        this.expectedStatus = expectedStatus;
        this.label = label;
    }

    boolean rest() {
        return channel != Channel.KAFKA;
    }

    @Override
    public String toString() {
        String p = payload == null ? "null" : payload.length() > 300 ? payload.substring(0, 300) + "…" : payload;
        return "#" + seq + " " + kind + " " + channel + " " + label + " " + p;
    }
}
