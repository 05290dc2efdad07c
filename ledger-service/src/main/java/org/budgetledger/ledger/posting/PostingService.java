package org.budgetledger.ledger.posting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.ledger.posting.domain.Commands;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.posting.domain.PostingRule;
import org.budgetledger.ledger.posting.domain.PostingValidator;
import org.budgetledger.ledger.posting.domain.Violation;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way postings enter the ledger, for REST and Kafka alike: route each to its ledger, claim its id across
 * ledgers, then let each ledger decide its postings in order, as one command per ledger (one append per ledger).
 */
@Service
public class PostingService {

    /** A claim older than this whose ledger does not hold the posting was left by a crash. */
    static final Duration STALE_CLAIM = Duration.ofSeconds(60);
    public static final int MAX_PER_COMMAND = 1_000;

    private final CommandGateway commands;
    private final UnitDirectory directory;
    private final PostingClaims claims;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public PostingService(CommandGateway commands, UnitDirectory directory, PostingClaims claims, Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.directory = directory;
        this.claims = claims;
        this.clock = clock;
        this.meters = meters;
    }

    public List<PostingResult> submit(List<Commands.Submission> submissions, String channel) {
        if (submissions.size() > MAX_PER_COMMAND) {
            throw new IllegalArgumentException("at most " + MAX_PER_COMMAND + " postings per submission");
        }
        Instant now = clock.instant();
        PostingResult[] results = new PostingResult[submissions.size()];
        String[] ledgers = new String[submissions.size()];
        // 1. route: a posting that names no registered ledger goes no further
        for (int i = 0; i < submissions.size(); i++) {
            PostingInput in = submissions.get(i).input();
            Optional<Violation> broken = PostingValidator.checkIdentity(in).or(() -> PostingValidator.checkLedger(in));
            if (broken.isPresent()) {
                results[i] = new PostingResult(null, PostingOutcome.rejected(in.postingId(), broken.get()));
                continue;
            }
            LedgerId ledger = new LedgerId(in.unitCode(), in.fiscalYear());
            if (!directory.exists(ledger)) {
                results[i] = new PostingResult(ledger.toString(), PostingOutcome.rejected(in.postingId(),
                        PostingRule.UNIT_NOT_REGISTERED.violation(ledger.unitCode() + " in " + ledger.fiscalYear())));
                continue;
            }
            ledgers[i] = ledger.toString();
        }
        // 2. claim the ids across ledgers
        List<Integer> routed = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> claimLedgers = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            if (ledgers[i] != null) {
                PostingInput in = submissions.get(i).input();
                routed.add(i);
                keys.add(PostingClaims.key(in.sourceSystem(), in.postingId()));
                claimLedgers.add(ledgers[i]);
            }
        }
        List<PostingClaims.Claim> made = claims.claim(keys, claimLedgers, now);
        boolean[] claimedNow = new boolean[submissions.size()];
        for (int k = 0; k < routed.size(); k++) {
            int i = routed.get(k);
            PostingClaims.Claim claim = made.get(k);
            claimedNow[i] = claim.madeNow();
            if (!claim.ledger().equals(ledgers[i])) {
                Optional<PostingOutcome> conflict = foreignClaim(submissions.get(i).input(), claim, ledgers[i], now);
                if (conflict.isPresent()) {
                    results[i] = new PostingResult(ledgers[i], conflict.get());
                    ledgers[i] = null;
                } else {
                    claimedNow[i] = true;
                }
            }
        }
        // 3. one command per ledger, postings in the order they came
        Map<String, List<Integer>> byLedger = new LinkedHashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            if (ledgers[i] != null) {
                byLedger.computeIfAbsent(ledgers[i], l -> new ArrayList<>()).add(i);
            }
        }
        byLedger.forEach((ledger, indexes) -> {
            List<Commands.Submission> batch = indexes.stream().map(submissions::get).toList();
            List<PostingOutcome> outcomes;
            try {
                outcomes = commands.sendAndWait(new Commands.RecordPostings(ledger, batch, now));
            } catch (AggregateNotFoundException e) {
                outcomes = batch.stream().map(s -> PostingOutcome.rejected(s.input().postingId(),
                        PostingRule.UNIT_NOT_REGISTERED.violation(ledger))).toList();
            }
            for (int j = 0; j < indexes.size(); j++) {
                int i = indexes.get(j);
                results[i] = new PostingResult(ledger, outcomes.get(j));
                if (claimedNow[i] && outcomes.get(j).status() == PostingOutcome.Status.REJECTED) {
                    PostingInput in = submissions.get(i).input();
                    claims.release(PostingClaims.key(in.sourceSystem(), in.postingId()), ledger);
                }
            }
        });
        for (PostingResult r : results) {
            count(channel, r.outcome());
        }
        return Arrays.asList(results);
    }

    /**
     * The id is claimed by another ledger. If that ledger holds the posting, this one conflicts with it (its ledger
     * differs, so its content does). If not, the claim was left by a crash or a rejection in flight: an old one is
     * taken over, a fresh one means another request is deciding it right now.
     */
    private Optional<PostingOutcome> foreignClaim(PostingInput in, PostingClaims.Claim claim, String ledger, Instant now) {
        boolean held;
        try {
            held = commands.sendAndWait(new Commands.CheckPostingHeld(claim.ledger(), in.sourceSystem(), in.postingId()));
        } catch (AggregateNotFoundException e) {
            held = false;
        }
        String prefix = "postingId " + in.postingId() + " of sourceSystem " + in.sourceSystem();
        if (held) {
            return Optional.of(PostingOutcome.conflict(in.postingId(), prefix + " is already recorded in ledger " + claim.ledger()));
        }
        if (Duration.between(claim.since(), now).compareTo(STALE_CLAIM) < 0) {
            return Optional.of(PostingOutcome.conflict(in.postingId(), prefix + " is being recorded in ledger " + claim.ledger() + " right now"));
        }
        if (!claims.takeOver(claim.key(), claim.ledger(), ledger, now)) {
            return Optional.of(PostingOutcome.conflict(in.postingId(), prefix + " was claimed by another request meanwhile"));
        }
        return Optional.empty();
    }

    private void count(String channel, PostingOutcome outcome) {
        count(channel, outcome.status().name().toLowerCase(), outcome.violation() == null ? "none" : outcome.violation().error());
    }

    /**
     * A record refused before it became a posting (unreadable, too large, a source system its channel may not post
     * as): counted as rejected like any other, so that the DLQ's alert and the dashboard's rejections see it.
     */
    void countRefused(String channel, String reason) {
        count(channel, "rejected", reason);
    }

    private void count(String channel, String outcome, String reason) {
        counters.computeIfAbsent(channel + '|' + outcome + '|' + reason, k -> Counter.builder("ledger.postings")
                .description("postings submitted, by channel, outcome and the rule that rejected them")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(meters)).increment();
    }
}
