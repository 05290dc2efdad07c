package org.budgetledger.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void everyCallerGetsItsOwnAnswerAndEachPostingIsDecidedOnce() throws Exception {
        List<Integer> groups = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, Integer> decided = new ConcurrentHashMap<>();
        GroupCommit commit = new GroupCommit((submissions, channel) -> {
            groups.add(submissions.size());
            assertThat(submissions.size()).isBetween(1, GroupCommit.MAX_GROUP);
            sleep(1); // a ledger deciding: callers arriving meanwhile queue for the next group
            return submissions.stream()
                    .map(s -> {
                        decided.merge(s.input().postingId(), 1, Integer::sum);
                        return new PostingResult(
                                s.input().unitCode() + ":2019",
                                PostingOutcome.recorded(
                                        s.input().postingId(), "e-" + s.input().postingId(), 0));
                    })
                    .toList();
        });
        int threads = 16;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            answers.add(pool.submit(() -> {
                start.await();
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    String id = "P-" + thread + "-" + i;
                    PostingResult r = commit.submit(submission(id, "U" + (i % 3)), "rest");
                    assertThat(r.outcome().postingId()).isEqualTo(id);
                    assertThat(r.ledger()).isEqualTo("U" + (i % 3) + ":2019");
                    mine.add(r.outcome().eventId());
                }
                return mine;
            }));
        }
        start.countDown();
        for (int t = 0; t < threads; t++) {
            List<String> mine = answers.get(t).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < each; i++) {
                assertThat(mine.get(i)).isEqualTo("e-P-" + t + "-" + i);
            }
        }
        pool.shutdown();
        assertThat(decided)
                .hasSize(threads * each)
                .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * each);
        assertThat(groups.size()).as("concurrent posts are decided together").isLessThan(threads * each);
    }

    @Test
    void aFailureReachesEveryCallerOfItsGroupAndTheLaneGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit commit = new GroupCommit((submissions, channel) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("store away");
            }
            return submissions.stream()
                    .map(s -> new PostingResult(
                            "U:2019", PostingOutcome.duplicate(s.input().postingId())))
                    .toList();
        });
        assertThatThrownBy(() -> commit.submit(submission("P-1", "U"), "rest"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("store away");
        assertThat(commit.submit(submission("P-1", "U"), "rest").outcome().status())
                .isEqualTo(PostingOutcome.Status.DUPLICATE);
    }

    private static Commands.Submission submission(String id, String unit) {
        PostingInput in = new PostingInput(
                id,
                "treasury-payments",
                unit,
                2019,
                "INCOME",
                "GENERAL_BUDGET",
                null,
                null,
                null,
                null,
                "1.00",
                "2019-03-15",
                null,
                null,
                null,
                null,
                null,
                List.of());
        return new Commands.Submission(in, "c-" + id, "rest", "test");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
