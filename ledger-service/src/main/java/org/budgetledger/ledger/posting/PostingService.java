package org.budgetledger.ledger.posting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.posting.domain.PostingRule;
import org.budgetledger.ledger.posting.domain.PostingValidator;
import org.budgetledger.ledger.posting.domain.Violation;
import org.springframework.stereotype.Service;

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
    private final LedgerReader reader;
    private final UnitDirectory directory;
    private final PostingClaims claims;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public PostingService(
            CommandGateway commands,
            LedgerReader reader,
            UnitDirectory directory,
            PostingClaims claims,
            Clock clock,
            MeterRegistry meters) {
        this.commands = commands;
        this.reader = reader;
        this.directory = directory;
        this.claims = claims;
        this.clock = clock;
        this.meters = meters;
    }

    public List<PostingResult> submit(List<Commands.Submission> submissions, String channel) {
        if (submissions.size() > MAX_PER_COMMAND) {
            throw new IllegalArgumentException("at most " + MAX_PER_COMMAND + " postings per submission");
        }
        Submitted batch = new Submitted(submissions, clock.instant());
        route(batch);
        claim(batch);
        record(batch);
        for (PostingResult r : batch.results) {
            count(channel, r.outcome());
        }
        return Arrays.asList(batch.results);
    }

    /** One submission on its way: per posting, its ledger (null once answered), its result, whether its id was claimed now. */
    private static final class Submitted {
        final List<Commands.Submission> submissions;
        final Instant now;
        final PostingResult[] results;
        final String[] ledgers;
        final boolean[] claimedNow;

        Submitted(List<Commands.Submission> submissions, Instant now) {
            this.submissions = submissions;
            this.now = now;
            this.results = new PostingResult[submissions.size()];
            this.ledgers = new String[submissions.size()];
            this.claimedNow = new boolean[submissions.size()];
        }

        PostingInput input(int i) {
            return submissions.get(i).input();
        }
    }

    /** 1. Route: a posting that names no registered ledger goes no further. */
    private void route(Submitted batch) {
        for (int i = 0; i < batch.submissions.size(); i++) {
            PostingInput in = batch.input(i);
            Optional<Violation> broken = PostingValidator.checkIdentity(in).or(() -> PostingValidator.checkLedger(in));
            if (broken.isPresent()) {
                batch.results[i] = new PostingResult(null, PostingOutcome.rejected(in.postingId(), broken.get()));
                continue;
            }
            LedgerId ledger = new LedgerId(in.unitCode(), in.fiscalYear());
            if (!directory.exists(ledger)) {
                batch.results[i] = new PostingResult(
                        ledger.toString(),
                        PostingOutcome.rejected(
                                in.postingId(),
                                PostingRule.UNIT_NOT_REGISTERED.violation(
                                        ledger.unitCode() + " in " + ledger.fiscalYear())));
                continue;
            }
            batch.ledgers[i] = ledger.toString();
        }
    }

    /** 2. Claim the ids across ledgers: an id another ledger holds is a conflict. */
    private void claim(Submitted batch) {
        List<Integer> routed = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> claimLedgers = new ArrayList<>();
        for (int i = 0; i < batch.submissions.size(); i++) {
            if (batch.ledgers[i] != null) {
                routed.add(i);
                keys.add(PostingClaims.key(
                        batch.input(i).sourceSystem(), batch.input(i).postingId()));
                claimLedgers.add(batch.ledgers[i]);
            }
        }
        List<PostingClaims.Claim> made = claims.claim(keys, claimLedgers, batch.now);
        for (int k = 0; k < routed.size(); k++) {
            int i = routed.get(k);
            PostingClaims.Claim claim = made.get(k);
            batch.claimedNow[i] = claim.madeNow();
            if (!claim.ledger().equals(batch.ledgers[i])) {
                Optional<PostingOutcome> conflict = foreignClaim(batch.input(i), claim, batch.ledgers[i], batch.now);
                if (conflict.isPresent()) {
                    batch.results[i] = new PostingResult(batch.ledgers[i], conflict.get());
                    batch.ledgers[i] = null;
                } else {
                    batch.claimedNow[i] = true;
                }
            }
        }
    }

    /**
     * 3. One command per ledger, postings in the order they came. An id claimed now for a posting the ledger did not
     * record is released: nobody holds it.
     */
    private void record(Submitted batch) {
        Map<String, List<Integer>> byLedger = new LinkedHashMap<>();
        for (int i = 0; i < batch.submissions.size(); i++) {
            if (batch.ledgers[i] != null) {
                byLedger.computeIfAbsent(batch.ledgers[i], l -> new ArrayList<>())
                        .add(i);
            }
        }
        byLedger.forEach((ledger, indexes) -> {
            List<Commands.Submission> commandBatch =
                    indexes.stream().map(batch.submissions::get).toList();
            List<PostingOutcome> outcomes;
            try {
                outcomes = commands.sendAndWait(new Commands.RecordPostings(ledger, commandBatch, batch.now));
            } catch (AggregateNotFoundException e) {
                outcomes = commandBatch.stream()
                        .map(s -> PostingOutcome.rejected(
                                s.input().postingId(), PostingRule.UNIT_NOT_REGISTERED.violation(ledger)))
                        .toList();
            }
            for (int j = 0; j < indexes.size(); j++) {
                int i = indexes.get(j);
                PostingOutcome outcome = outcomes.get(j);
                batch.results[i] = new PostingResult(ledger, outcome);
                if (batch.claimedNow[i] && !heldByLedger(outcome)) {
                    claims.release(
                            PostingClaims.key(
                                    batch.input(i).sourceSystem(),
                                    batch.input(i).postingId()),
                            ledger);
                }
            }
        });
    }

    /**
     * Whether the ledger holds the posting's id after this outcome: recorded, a duplicate, or a conflict with the posting
     * of that id it holds; not when rejected, or refused for the state of the year (year.imported).
     */
    private static boolean heldByLedger(PostingOutcome outcome) {
        return switch (outcome.status()) {
            case RECORDED, DUPLICATE -> true;
            case REJECTED -> false;
            case CONFLICT ->
                outcome.violation() == null
                        || "conflict".equals(outcome.violation().error());
        };
    }

    /**
     * The id is claimed by another ledger. If that ledger holds the posting, this one conflicts with it (its ledger
     * differs, so its content does). If not, the claim was left by a crash or a rejection in flight: an old one is
     * taken over, a fresh one means another request is deciding it right now.
     */
    private Optional<PostingOutcome> foreignClaim(
            PostingInput in, PostingClaims.Claim claim, String ledger, Instant now) {
        boolean held;
        try {
            held = reader.read(claim.ledger(), other -> other.holds(in.sourceSystem(), in.postingId()));
        } catch (AggregateNotFoundException e) {
            held = false;
        }
        String prefix = "postingId " + in.postingId() + " of sourceSystem " + in.sourceSystem();
        if (held) {
            return Optional.of(PostingOutcome.conflict(
                    in.postingId(), prefix + " is already recorded in ledger " + claim.ledger()));
        }
        if (Duration.between(claim.since(), now).compareTo(STALE_CLAIM) < 0) {
            return Optional.of(PostingOutcome.conflict(
                    in.postingId(), prefix + " is being recorded in ledger " + claim.ledger() + " right now"));
        }
        if (!claims.takeOver(claim.key(), claim.ledger(), ledger, now)) {
            return Optional.of(
                    PostingOutcome.conflict(in.postingId(), prefix + " was claimed by another request meanwhile"));
        }
        return Optional.empty();
    }

    private void count(String channel, PostingOutcome outcome) {
        count(
                channel,
                outcome.status().name().toLowerCase(),
                outcome.violation() == null ? "none" : outcome.violation().error());
    }

    /**
     * A record refused before it became a posting (unreadable, too large, a source system its channel may not post
     * as): counted as rejected like any other, so that the DLQ's alert and the dashboard's rejections see it.
     */
    void countRefused(String channel, String reason) {
        count(channel, "rejected", reason);
    }

    private void count(String channel, String outcome, String reason) {
        counters.computeIfAbsent(
                        channel + '|' + outcome + '|' + reason,
                        k -> Counter.builder("ledger.postings")
                                .description("postings submitted, by channel, outcome and the rule that rejected them")
                                .tag("channel", channel)
                                .tag("outcome", outcome)
                                .tag("reason", reason)
                                .register(meters))
                .increment();
    }
}
