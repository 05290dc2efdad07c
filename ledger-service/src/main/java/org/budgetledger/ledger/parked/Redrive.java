package org.budgetledger.ledger.parked;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.config.LedgerKafkaProperties;
import org.budgetledger.ledger.posting.KafkaChannels;
import org.budgetledger.ledger.posting.PostingReader;
import org.budgetledger.ledger.posting.PostingResult;
import org.budgetledger.ledger.posting.PostingService;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.posting.domain.PostingValidator;
import org.budgetledger.ledger.web.RestRequests;
import org.springframework.stereotype.Service;

/**
 * Parked records submitted again through the same rules as when they were first read (the channel's source systems
 * included): each answers what the ledger decided now. Idempotent: a posting recorded meanwhile, or by an earlier
 * re-drive, answers DUPLICATE. A record refused again stays parked (the DLQ is never rewritten), and the answer says
 * why.
 */
@Service
public class Redrive {

    /** Records re-driven by one request at most. */
    public static final int MAX_RECORDS = 10_000;

    private final PostingService postings;
    private final KafkaChannels channels;
    private final LedgerKafkaProperties topics;

    public Redrive(PostingService postings, KafkaChannels channels, LedgerKafkaProperties topics) {
        this.postings = postings;
        this.channels = channels;
        this.topics = topics;
    }

    List<Map<String, Object>> redrive(List<ParkedRecords.Parked> chosen) {
        List<Map<String, Object>> answers = new ArrayList<>(chosen.size());
        List<Commands.Submission> submissions = new ArrayList<>();
        List<Map<String, Object>> pending = new ArrayList<>();
        for (ParkedRecords.Parked p : chosen) {
            Map<String, Object> answer = answer(p);
            answers.add(answer);
            JsonNode node = p.truncated() ? null : PostingReader.tree(p.value());
            if (node == null || !node.isObject()) {
                refused(answer, "malformed_json", null, "the parked value is not a whole JSON object");
                continue;
            }
            PostingInput input = PostingReader.read(node);
            if (p.originalTopic() == null) { // no channel to hold it to: its source system cannot be checked
                refused(answer, "original.topic", null, "the parked record names no original topic");
                continue;
            }
            if (PostingValidator.sourceSystemWellFormed(input.sourceSystem())
                    && !channels.allows(p.originalTopic(), input.sourceSystem())) {
                refused(
                        answer,
                        "forbidden.source_system",
                        "sourceSystem",
                        channels.refusal(p.originalTopic(), input.sourceSystem()));
                continue;
            }
            String origin = "redrive:" + topics.dlqTopic() + "/" + p.id();
            submissions.add(new Commands.Submission(input, "redrive-" + p.id(), origin, RestRequests.actor()));
            pending.add(answer);
        }
        for (int from = 0; from < submissions.size(); from += PostingService.MAX_PER_COMMAND) {
            int to = Math.min(submissions.size(), from + PostingService.MAX_PER_COMMAND);
            List<PostingResult> results = postings.submit(submissions.subList(from, to), "redrive");
            for (int i = 0; i < results.size(); i++) {
                PostingOutcome o = results.get(i).outcome();
                Map<String, Object> answer = pending.get(from + i);
                answer.put("status", o.status().name());
                if (o.violation() != null) {
                    answer.put("error", o.violation().error());
                    answer.put("field", o.violation().field());
                    answer.put("message", o.violation().message());
                }
            }
        }
        return answers;
    }

    private static Map<String, Object> answer(ParkedRecords.Parked p) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", p.id());
        answer.put("sourceSystem", p.sourceSystem());
        answer.put("postingId", p.postingId());
        answer.put("unitCode", p.unitCode());
        return answer;
    }

    private static void refused(Map<String, Object> answer, String error, String field, String message) {
        answer.put("status", PostingOutcome.Status.REJECTED.name());
        answer.put("error", error);
        answer.put("field", field);
        answer.put("message", message);
    }
}
