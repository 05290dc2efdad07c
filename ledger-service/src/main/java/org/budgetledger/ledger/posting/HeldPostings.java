package org.budgetledger.ledger.posting;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.config.LedgerKafkaProperties;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.posting.domain.PostingRule;
import org.budgetledger.ledger.posting.domain.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Kafka postings refused only for want of funds, held instead of parked: under 国库集中支付 a payment can reach the
 * ledger before the appropriation (指标) it spends. A held record is written to the store before the listener lets its
 * offset move (what is acknowledged is on disk), tried again every LEDGER_HOLD_RETRY in the order it was read
 * (topic, partition, offset), recorded once its funds are there, and parked with the rule that refused it once
 * LEDGER_HOLD_WINDOW has passed. Records behind it on the partition are not held up. Every instance may retry a held
 * record: the ledger records a posting once, and a second try answers DUPLICATE, which ends the hold too.
 */
@Component
public class HeldPostings {

    private static final Logger log = LoggerFactory.getLogger(HeldPostings.class);
    /** Held records tried per round: more wait for the next round, in order. */
    static final int MAX_PER_ROUND = 1_000;
    /** How long a claimed record is one instance's: far longer than a round's submit and park. */
    static final java.time.Duration LEASE = java.time.Duration.ofSeconds(60);

    private static final String INSUFFICIENT = PostingRule.INSUFFICIENT_FUNDS.code();

    private final MongoCollection<Document> held;
    private final PostingService postings;
    private final ParkingLot parking;
    private final LedgerKafkaProperties settings;
    private final Clock clock;

    public HeldPostings(
            MongoDatabaseFactory databases,
            PostingService postings,
            ParkingLot parking,
            LedgerKafkaProperties settings,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.held = databases.getMongoDatabase().getCollection("heldPostings");
        io.micrometer.core.instrument.Gauge.builder("ledger.postings.held", this, HeldPostings::count)
                .description("Kafka postings held because their funds have not arrived yet (parked after the window)")
                .register(meters);
        this.postings = postings;
        this.parking = parking;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether this outcome is a refusal for want of funds that holding may cure. */
    boolean waitsForFunds(PostingOutcome outcome) {
        return outcome.status() == PostingOutcome.Status.REJECTED
                && !settings.holdWindow().isZero()
                && INSUFFICIENT.equals(outcome.violation().error());
    }

    /** Holds a record (idempotent: redelivered, it is the same hold, its deadline unchanged). */
    void hold(ParkingLot.Refused record, String correlationId) {
        Instant now = clock.instant();
        String id = record.where();
        Document existing = held.find(new Document("_id", id)).limit(1).first();
        Date until = existing != null ? existing.getDate("until") : Date.from(now.plus(settings.holdWindow()));
        held.replaceOne(
                new Document("_id", id),
                new Document("_id", id)
                        .append("topic", record.topic())
                        .append("partition", record.partition())
                        .append("offset", record.offset())
                        .append("key", record.key())
                        .append("value", record.value())
                        .append("correlationId", correlationId)
                        .append("until", until),
                new ReplaceOptions().upsert(true));
        log.info("held {} until {}: its funds are not there yet", id, until.toInstant());
    }

    /** How many records are held now. */
    public long count() {
        return held.countDocuments();
    }

    @Scheduled(fixedDelayString = "${ledger.kafka.hold-retry:2s}", initialDelayString = "${ledger.kafka.hold-retry:2s}")
    void retry() {
        List<Document> due = new ArrayList<>();
        held.find()
                .sort(Sorts.ascending("topic", "partition", "offset"))
                .limit(MAX_PER_ROUND)
                .into(due);
        if (due.isEmpty()) {
            return;
        }
        List<Commands.Submission> submissions = new ArrayList<>();
        List<Document> tried = new ArrayList<>();
        Instant start = clock.instant();
        for (Document d : due) {
            if (!claim(d, start)) {
                continue; // another instance tries it this round
            }
            JsonNode node = PostingReader.tree(d.getString("value"));
            if (node == null) { // it read once, when it was held: parked rather than let go unsaid
                Violation unreadable = new Violation("malformed_json", null, "the held value no longer reads");
                settle(d, PostingOutcome.rejected(null, unreadable), start);
                continue;
            }
            submissions.add(new Commands.Submission(
                    PostingReader.read(node),
                    d.getString("correlationId"),
                    refused(d).origin(),
                    refused(d).actor()));
            tried.add(d);
        }
        // counted as channel "held": a retry still short of funds is no new refusal of the Kafka channel
        List<PostingResult> results = submissions.isEmpty() ? List.of() : postings.submit(submissions, "held");
        Instant now = clock.instant();
        for (int i = 0; i < results.size(); i++) {
            settle(tried.get(i), results.get(i).outcome(), now);
        }
    }

    /** Recorded (or recorded before): the hold ends; still short of funds within the window: held; else parked. */
    private void settle(Document d, PostingOutcome outcome, Instant now) {
        boolean done = outcome.status() == PostingOutcome.Status.RECORDED
                || outcome.status() == PostingOutcome.Status.DUPLICATE;
        boolean waiting = INSUFFICIENT.equals(
                        outcome.violation() == null ? null : outcome.violation().error())
                && now.isBefore(d.getDate("until").toInstant());
        if (waiting) { // free for the next round, whichever instance runs it
            held.updateOne(new Document("_id", d.get("_id")), new Document("$unset", new Document("lease", "")));
            return;
        }
        if (!done) {
            try {
                parking.park(
                                refused(d),
                                outcome.violation().error(),
                                outcome.violation().field(),
                                outcome.violation().message())
                        .get(30, TimeUnit.SECONDS); // parked for sure before the hold ends
            } catch (Exception e) {
                log.warn("could not park held {} yet: {}", d.get("_id"), e.toString());
                return; // still held (its lease runs out): a later round tries again
            }
        }
        held.deleteOne(new Document("_id", d.get("_id")));
    }

    /**
     * One instance at a time tries a held record: a lease, taken atomically. Without it an instance could park, at
     * the window's end, a record another had just recorded.
     */
    private boolean claim(Document d, Instant now) {
        Document free = new Document("_id", d.get("_id"))
                .append(
                        "$or",
                        List.of(
                                new Document("lease", new Document("$exists", false)),
                                new Document("lease", new Document("$lt", Date.from(now)))));
        Document lease = new Document("$set", new Document("lease", Date.from(now.plus(LEASE))));
        return held.findOneAndUpdate(free, lease) != null;
    }

    /** The record as it was held. */
    private static ParkingLot.Refused refused(Document d) {
        return new ParkingLot.Refused(
                d.getString("topic"),
                d.getInteger("partition"),
                d.getLong("offset"),
                d.getString("key"),
                d.getString("value"));
    }
}
