package org.budgetledger.projection.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.ExpenditureRecorded;
import org.budgetledger.contract.event.IncomeRecorded;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.projection.apply.EventApplier;
import org.budgetledger.projection.apply.LedgerSource;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.web.client.RestClient;

/**
 * An as-of answer that starts from a checkpoint equals a replay of the whole journal, at every instant, in its figures
 * and its position: recording times out of sequence order, reversals, runs of every size across checkpoint places
 * (against the embedded store).
 */
class AsOfCheckpointsTest {

    private static final String UNIT = "CP-1";
    private static final int YEAR = 2019;
    private static final Instant BASE = Instant.parse("2026-01-05T08:00:00.123456789Z");
    private final ObjectMapper mapper = Json.newMapper();

    @Test
    void fromACheckpointOrFromTheStartTheFiguresAsOfAnyInstantAreTheSame() throws Exception {
        SimpleMongoClientDatabaseFactory factory =
                new SimpleMongoClientDatabaseFactory(TestInfra.freshMongoDatabase("asof"));
        try {
            Stores stores = new Stores(factory);
            ProjectionStore store = stores.active();
            EventApplier applier = new EventApplier(
                    new LedgerSource("http://127.0.0.1:9", "", RestClient.builder()),
                    Clock.systemUTC(),
                    new SimpleMeterRegistry(),
                    new Divergences(new SimpleMeterRegistry(), Clock.systemUTC()));
            Random random = new Random(20191231);
            List<EventEnvelope> events = stream(random, 2_700);
            for (int from = 0; from < events.size(); ) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(random.nextBoolean() ? 5 : 700));
                applier.apply(store, events.subList(from, to));
                from = to;
            }
            Document index = factory.getMongoDatabase()
                    .getCollection("figure_checkpoints")
                    .find(new Document("_id", UNIT + ":" + YEAR + "#index"))
                    .first();
            assertThat(index).isNotNull();
            assertThat(index.getList("points", Document.class)).hasSizeGreaterThanOrEqualTo(2);

            FinalAccounts accounts = new FinalAccounts(stores);
            List<Instant> instants = new ArrayList<>(List.of(BASE.minusSeconds(60), BASE, BASE.plusSeconds(100_000)));
            for (int i = 0; i < 40; i++) {
                instants.add(
                        events.get(random.nextInt(events.size())).recordedAt().plusNanos(random.nextInt(3) - 1));
            }
            List<Map<String, Long>> fromCheckpoints = new ArrayList<>();
            List<Long> positionsFromCheckpoints = new ArrayList<>();
            for (Instant t : instants) {
                fromCheckpoints.add(fen(accounts, t));
                positionsFromCheckpoints.add(position(accounts, t));
            }
            factory.getMongoDatabase().getCollection("figure_checkpoints").drop();
            for (int i = 0; i < instants.size(); i++) {
                assertThat(fromCheckpoints.get(i))
                        .as("as of %s", instants.get(i))
                        .isEqualTo(fen(accounts, instants.get(i)));
                assertThat(positionsFromCheckpoints.get(i))
                        .as("position as of %s", instants.get(i))
                        .isEqualTo(position(accounts, instants.get(i)))
                        .isEqualTo(expectedPosition(events, instants.get(i)));
            }
            assertThat(fromCheckpoints.get(2))
                    .isEqualTo(accounts.figures(UNIT, YEAR, FinalAccounts.Scope.SELF, null)
                            .orElseThrow()
                            .figures()
                            .fen());
        } finally {
            factory.destroy();
        }
    }

    private static long position(FinalAccounts accounts, Instant asOf) {
        return accounts.figures(UNIT, YEAR, FinalAccounts.Scope.SELF, asOf)
                .orElseThrow()
                .position();
    }

    /**
     * The position as of an instant, counted from the events themselves: every event once all were recorded by then,
     * else one past the last posting recorded by then (the profile, event 0, moves no figure).
     */
    private static long expectedPosition(List<EventEnvelope> events, Instant asOf) {
        if (events.stream().noneMatch(e -> e.recordedAt().isAfter(asOf))) {
            return events.size();
        }
        return events.stream()
                .filter(e -> e.sequence() > 0 && !e.recordedAt().isAfter(asOf))
                .mapToLong(e -> e.sequence() + 1)
                .max()
                .orElse(0);
    }

    private static Map<String, Long> fen(FinalAccounts accounts, Instant asOf) {
        return accounts.figures(UNIT, YEAR, FinalAccounts.Scope.SELF, asOf)
                .<Map<String, Long>>map(v -> v.figures().fen())
                .orElse(Map.of());
    }

    /** A profile, then postings whose recording times mostly rise, with every 7th recorded seconds before the one before it. */
    private List<EventEnvelope> stream(Random random, int postings) throws Exception {
        List<EventEnvelope> events = new ArrayList<>();
        UnitProfile profile = new UnitProfile("检查点单位", UnitKind.ADMINISTRATIVE, null, "110000", null, null);
        events.add(
                envelope(0, BASE, new UnitProfiled(UNIT, YEAR, profile, new Recording(BASE, "c-0", "test", "test"))));
        List<Posting> recorded = new ArrayList<>();
        Instant clock = BASE;
        for (int seq = 1; seq <= postings; seq++) {
            clock = clock.plusMillis(500 + random.nextInt(1_000)).plusNanos(random.nextInt(1_000));
            Instant at = seq % 7 == 0 ? clock.minusSeconds(3) : clock;
            Recording recording = new Recording(at, "c-" + seq, "test", "test");
            Money amount = Money.ofFen(1 + random.nextInt(1_000_000));
            LedgerEvent event;
            if (seq % 97 == 0 && !recorded.isEmpty()) {
                Posting target = recorded.remove(random.nextInt(recorded.size()));
                Posting reversal = new Posting(
                        "R-" + seq,
                        "test",
                        UNIT,
                        YEAR,
                        PostingType.REVERSAL,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        LocalDate.of(YEAR, 12, 1),
                        null,
                        null,
                        null,
                        target.postingId(),
                        "wrong");
                event = new PostingReversed(
                        reversal,
                        "h-" + seq,
                        target.postingId(),
                        target.type(),
                        target.fundSource(),
                        target.amount(),
                        recording);
            } else if (random.nextInt(3) == 0) {
                Posting income = new Posting(
                        "I-" + seq,
                        "test",
                        UNIT,
                        YEAR,
                        PostingType.INCOME,
                        FundSource.GENERAL_BUDGET,
                        "2013701",
                        null,
                        null,
                        null,
                        amount,
                        LocalDate.of(YEAR, 1 + random.nextInt(12), 1),
                        null,
                        null,
                        null,
                        null,
                        null);
                recorded.add(income);
                event = new IncomeRecorded(income, "h-" + seq, recording);
            } else {
                Posting spent = new Posting(
                        "E-" + seq,
                        "test",
                        UNIT,
                        YEAR,
                        PostingType.EXPENDITURE,
                        FundSource.GENERAL_BUDGET,
                        "2013701",
                        random.nextBoolean() ? "30201" : "30101",
                        random.nextBoolean() ? ExpenditureKind.BASIC : ExpenditureKind.PROJECT,
                        null,
                        amount,
                        LocalDate.of(YEAR, 1 + random.nextInt(12), 1),
                        null,
                        null,
                        null,
                        null,
                        null);
                recorded.add(spent);
                event = new ExpenditureRecorded(spent, "h-" + seq, recording);
            }
            events.add(envelope(seq, at, event));
        }
        return events;
    }

    private EventEnvelope envelope(long sequence, Instant at, LedgerEvent event) {
        return new EventEnvelope(
                UNIT + ":" + YEAR,
                sequence,
                "e-" + sequence,
                LedgerEvents.nameOf(event.getClass()),
                at,
                mapper.valueToTree(event),
                null,
                null,
                null);
    }
}
