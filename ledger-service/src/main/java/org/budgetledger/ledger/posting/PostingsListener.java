package org.budgetledger.ledger.posting;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.posting.domain.PostingValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Ingests the postings channels (ledger.postings, and any of LEDGER_KAFKA_CHANNELS). A record claiming a source system
 * its channel may not post as is parked first (KafkaChannels). A poll's records are decided together (one command per
 * ledger), invalid ones go to the DLQ with the rule that refused them, an expenditure refused only for want of funds is
 * held in the store instead (HeldPostings), and only then does the listener return, so the container commits the
 * offsets after every record is recorded, held or parked. A failure (store or broker away) throws: the batch is
 * redelivered, and postings already recorded come back as duplicates, never twice.
 */
@Component
public class PostingsListener {

    private static final Logger log = LoggerFactory.getLogger(PostingsListener.class);
    /** Far above any valid posting (its texts are bounded), far below what Kafka can carry. */
    static final int MAX_RECORD_CHARS = 256 * 1024;

    private final PostingService postings;
    private final ParkingLot parking;
    private final HeldPostings held;
    private final KafkaChannels channels;

    public PostingsListener(PostingService postings, ParkingLot parking, HeldPostings held, KafkaChannels channels) {
        this.postings = postings;
        this.parking = parking;
        this.held = held;
        this.channels = channels;
    }

    @KafkaListener(
            id = "postings",
            idIsGroup = false,
            topics = "#{@kafkaChannels.topics()}",
            batch = "true",
            autoStartup = "${ledger.kafka.ingest-enabled:true}")
    public void onPostings(List<ConsumerRecord<String, String>> records) throws Exception {
        List<Commands.Submission> submissions = new ArrayList<>();
        List<ConsumerRecord<String, String>> submitted = new ArrayList<>();
        List<CompletableFuture<SendResult<String, String>>> parked = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() != null && record.value().length() > MAX_RECORD_CHARS) {
                parked.add(refuse(
                        record,
                        "record.too_large",
                        null,
                        "the record value has " + record.value().length() + " characters; a posting is at most "
                                + MAX_RECORD_CHARS));
                continue;
            }
            JsonNode node = PostingReader.tree(record.value());
            if (node == null || !node.isObject()) {
                parked.add(refuse(record, "malformed_json", null, "the record value is not a JSON object"));
                continue;
            }
            PostingInput input = PostingReader.read(node);
            if (PostingValidator.sourceSystemWellFormed(input.sourceSystem())
                    && !channels.allows(record.topic(), input.sourceSystem())) {
                // a malformed one names no system: validation names the field and the rule
                parked.add(refuse(
                        record,
                        "forbidden.source_system",
                        "sourceSystem",
                        channels.refusal(record.topic(), input.sourceSystem())));
                continue;
            }
            String origin = refused(record).origin();
            submissions.add(new Commands.Submission(
                    input,
                    correlationId(record, origin),
                    origin,
                    refused(record).actor()));
            submitted.add(record);
        }
        for (int from = 0; from < submissions.size(); from += PostingService.MAX_PER_COMMAND) {
            int to = Math.min(submissions.size(), from + PostingService.MAX_PER_COMMAND);
            List<PostingResult> results = postings.submit(submissions.subList(from, to), "kafka");
            for (int i = 0; i < results.size(); i++) {
                PostingOutcome o = results.get(i).outcome();
                if (held.waitsForFunds(o)) { // its appropriation may be on its way: held, retried, parked later
                    ConsumerRecord<String, String> r = submitted.get(from + i);
                    held.hold(refused(r), submissions.get(from + i).correlationId());
                } else if (o.status() == PostingOutcome.Status.REJECTED
                        || o.status() == PostingOutcome.Status.CONFLICT) {
                    parked.add(park(
                            submitted.get(from + i),
                            o.violation().error(),
                            o.violation().field(),
                            o.violation().message()));
                }
            }
        }
        for (CompletableFuture<SendResult<String, String>> ack : parked) {
            ack.get(30, TimeUnit.SECONDS); // parked for sure before the offsets move
        }
    }

    /** Parks a record refused before it became a posting, and counts it as the ledger counts rejected postings. */
    private CompletableFuture<SendResult<String, String>> refuse(
            ConsumerRecord<String, String> record, String error, String field, String message) {
        postings.countRefused("kafka", error);
        return park(record, error, field, message);
    }

    private CompletableFuture<SendResult<String, String>> park(
            ConsumerRecord<String, String> record, String error, String field, String message) {
        return parking.park(refused(record), error, field, message);
    }

    private static ParkingLot.Refused refused(ConsumerRecord<String, String> record) {
        return new ParkingLot.Refused(
                record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    private static String correlationId(ConsumerRecord<String, String> record, String origin) {
        for (String name : List.of("X-Correlation-Id", "correlationId")) {
            Header h = record.headers().lastHeader(name);
            if (h != null && h.value() != null && h.value().length > 0 && h.value().length <= 100) {
                return new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return origin;
    }
}
