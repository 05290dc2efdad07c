package org.budgetledger.ledger.posting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.budgetledger.kit.Futures;
import org.budgetledger.ledger.aggregate.Commands;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Single posts that arrive together are decided together. A ledger decides its postings one command at a time, so
 * concurrent single posts to it would queue for its lock, each paying for its own claim, command and append. Here
 * the first caller of a lane takes its lock and submits everything waiting in the lane as one submission (one claim
 * write, one command and one append per ledger); callers that queued meanwhile find their answer ready when they get
 * the lock. Each posting is still decided as if posted alone, in the order the group holds them — the order of
 * concurrent requests, which nothing defines anyway.
 *
 * <p>Bounded: {@value #LANES} lanes (a ledger always maps to the same one), at most {@value #MAX_GROUP} postings per
 * submission; a lane's queue holds at most one entry per request thread.
 */
@Component
final class GroupCommit {

    static final int LANES = 64;
    static final int MAX_GROUP = 200;

    private record Waiting(Commands.Submission submission, CompletableFuture<PostingResult> answer) {}

    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    }

    /** What decides a group: {@link PostingService#submit}. */
    interface Decider {
        List<PostingResult> submit(List<Commands.Submission> submissions, String channel);
    }

    private final Decider decider;
    private final Lane[] lanes = new Lane[LANES];

    @Autowired
    GroupCommit(PostingService postings) {
        this(postings::submit);
    }

    GroupCommit(Decider decider) {
        this.decider = decider;
        for (int i = 0; i < LANES; i++) {
            lanes[i] = new Lane();
        }
    }

    PostingResult submit(Commands.Submission submission, String channel) {
        Lane lane = lanes[Math.floorMod(laneKey(submission), LANES)];
        Waiting mine = new Waiting(submission, new CompletableFuture<>());
        lane.queue.add(mine);
        while (!mine.answer().isDone()) {
            lane.lock.lock();
            try {
                if (!mine.answer().isDone()) {
                    decide(drain(lane), channel);
                }
            } finally {
                lane.lock.unlock();
            }
        }
        return Futures.join(mine.answer());
    }

    private static int laneKey(Commands.Submission s) {
        return 31 * String.valueOf(s.input().unitCode()).hashCode()
                + String.valueOf(s.input().fiscalYear()).hashCode();
    }

    private static List<Waiting> drain(Lane lane) {
        List<Waiting> group = new ArrayList<>();
        Waiting w;
        while (group.size() < MAX_GROUP && (w = lane.queue.poll()) != null) {
            group.add(w);
        }
        return group;
    }

    private void decide(List<Waiting> group, String channel) {
        if (group.isEmpty()) {
            return;
        }
        try {
            List<PostingResult> results =
                    decider.submit(group.stream().map(Waiting::submission).toList(), channel);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(results.get(i));
            }
        } catch (Throwable e) {
            // every caller of the group gets the failure (a caller whose answer never came would wait for ever)
            group.forEach(w -> w.answer().completeExceptionally(e));
        }
    }
}
