package org.budgetledger.projection.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.AppropriationRecorded;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.ExpenditureRecorded;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.store.ProjectionStore;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.web.client.RestClient;

/**
 * The applier on its own, against the embedded store, with the ledger's event store stubbed: each (ledger, sequence)
 * counts once whatever the delivery (again, late, out of order, with a gap filled from the ledger), a reversal finds
 * its posting in an earlier run, a new generation gets the same figures, and imported figures replace the cells.
 */
class EventApplierTest {

    private static final String UNIT = "EA-1";
    private static final int YEAR = 2019;
    private static final String LEDGER = UNIT + ":" + YEAR;
    private static final Instant BASE = Instant.parse("2026-03-01T08:00:00Z");
    private static final String APPROPRIATED = "01/income.general_budget/amount";
    private static final String SPENT = "05/total/basic";

    private final ObjectMapper mapper = Json.newMapper();
    /** What the stubbed ledger service holds: every event of the stream. */
    private final List<EventEnvelope> ledgerHolds = new ArrayList<>();

    private SimpleMongoClientDatabaseFactory factory;
    private Stores stores;
    private EventApplier applier;

    @BeforeEach
    void start() {
        factory = new SimpleMongoClientDatabaseFactory(TestInfra.freshMongoDatabase("applier"));
        stores = new Stores(factory);
        LedgerSource stub = new LedgerSource("http://127.0.0.1:9", "", RestClient.builder()) {
            @Override
            public List<EventEnvelope> events(String stream, long from) {
                return ledgerHolds.stream()
                        .filter(e -> e.stream().equals(stream) && e.sequence() >= from)
                        .toList();
            }
        };
        applier = new EventApplier(
                stub,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new Divergences(new SimpleMeterRegistry(), Clock.systemUTC()));
        ledgerHolds.addAll(List.of(
                envelope(
                        0,
                        new UnitProfiled(
                                UNIT,
                                YEAR,
                                new UnitProfile("测试单位", UnitKind.ADMINISTRATIVE, null, null, null, null),
                                recording(0))),
                envelope(1, new AppropriationRecorded(appropriation("A-1", "100.00"), "h1", recording(1))),
                envelope(2, new ExpenditureRecorded(expenditure("E-1", "30.00"), "h2", recording(2))),
                envelope(3, new ExpenditureRecorded(expenditure("E-2", "20.00"), "h3", recording(3)))));
    }

    @AfterEach
    void stop() throws Exception {
        factory.destroy();
    }

    @Test
    void eventsDeliveredAgainCountOnce() {
        ProjectionStore store = stores.active();
        applier.apply(store, ledgerHolds);
        applier.apply(store, ledgerHolds);
        applier.apply(store, ledgerHolds.subList(1, 3));
        assertThat(fen(APPROPRIATED)).isEqualTo(100_00L);
        assertThat(fen(SPENT)).isEqualTo(50_00L);
        assertThat(store.records().position(LEDGER).applied()).isEqualTo(3);
    }

    @Test
    void aGapIsFilledFromTheLedgerAndLateEventsAreNotCountedAgain() {
        ProjectionStore store = stores.active();
        applier.apply(store, ledgerHolds.subList(0, 1));
        applier.apply(store, List.of(ledgerHolds.get(3))); // 1 and 2 not delivered yet: read from the ledger
        assertThat(store.records().position(LEDGER).applied()).isEqualTo(3);
        assertThat(fen(SPENT)).isEqualTo(50_00L);
        applier.apply(store, List.of(ledgerHolds.get(2), ledgerHolds.get(1))); // late and out of order
        assertThat(fen(APPROPRIATED)).isEqualTo(100_00L);
        assertThat(fen(SPENT)).isEqualTo(50_00L);
    }

    @Test
    void aReversalFindsItsPostingInAnEarlierRun() {
        ProjectionStore store = stores.active();
        applier.apply(store, ledgerHolds);
        Posting reversal = new Posting(
                "R-1",
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
                LocalDate.of(YEAR, 6, 1),
                null,
                null,
                null,
                "E-1",
                "wrong 项");
        EventEnvelope reversed = envelope(
                4,
                new PostingReversed(
                        reversal,
                        "h4",
                        "E-1",
                        PostingType.EXPENDITURE,
                        FundSource.GENERAL_BUDGET,
                        Money.parse("30.00"),
                        recording(4)));
        ledgerHolds.add(reversed);
        applier.apply(store, List.of(reversed));
        assertThat(fen(SPENT)).isEqualTo(20_00L);
    }

    @Test
    void aNewGenerationGetsTheSameFigures() {
        applier.apply(stores.active(), ledgerHolds);
        Map<String, Long> live = figures();
        ProjectionStore next = stores.of(stores.activeGeneration() + 1);
        for (EventEnvelope e : ledgerHolds) {
            applier.apply(next, List.of(e)); // one by one, as a rebuild may page
        }
        stores.activate(stores.activeGeneration() + 1);
        assertThat(figures()).isEqualTo(live);
    }

    @Test
    void importedFiguresReplaceTheCellsAndAnAsOfBeforeTheImportHasNone() {
        ProjectionStore store = stores.active();
        FiguresImported.Source file = new FiguresImported.Source("2019.xlsx", "ab".repeat(32), "xlsx", List.of("01"));
        List<EventEnvelope> imported = List.of(
                ledgerHolds.get(0),
                envelope(
                        1,
                        new FiguresImported(
                                UNIT, YEAR, Map.of("01/income.total/amount", 30_740_000L), file, recording(10))),
                envelope(
                        2,
                        new FiguresImported(
                                UNIT,
                                YEAR,
                                Map.of(
                                        "01/income.total/amount",
                                        30_750_000L,
                                        "01/income.grand_total/amount",
                                        30_750_000L),
                                file,
                                recording(20))));
        ledgerHolds.clear();
        ledgerHolds.addAll(imported);
        applier.apply(store, imported.subList(0, 2));
        assertThat(figures()).containsEntry("01/income.total/amount", 30_740_000L);
        applier.apply(store, imported.subList(2, 3));
        assertThat(figures())
                .containsEntry("01/income.total/amount", 30_750_000L)
                .containsEntry("01/income.grand_total/amount", 30_750_000L);
        assertThat(store.records().find(LEDGER).orElseThrow().imported().sequence())
                .isEqualTo(2);

        FinalAccounts accounts = new FinalAccounts(stores);
        assertThat(accounts.figures(UNIT, YEAR, FinalAccounts.Scope.SELF, BASE.plusSeconds(5))
                        .orElseThrow()
                        .figures()
                        .fen())
                .doesNotContainKey("01/income.total/amount");
        assertThat(accounts.figures(UNIT, YEAR, FinalAccounts.Scope.SELF, BASE.plusSeconds(15))
                        .orElseThrow()
                        .figures()
                        .fen())
                .containsEntry("01/income.total/amount", 30_740_000L);
    }

    private long fen(String key) {
        return figures().getOrDefault(key, 0L);
    }

    private Map<String, Long> figures() {
        return new FinalAccounts(stores)
                .figures(UNIT, YEAR, FinalAccounts.Scope.SELF, null)
                .orElseThrow()
                .figures()
                .fen();
    }

    private static Recording recording(int second) {
        return new Recording(BASE.plusSeconds(second), "c-" + second, "test", "test");
    }

    private static Posting appropriation(String id, String amount) {
        return new Posting(
                id,
                "test",
                UNIT,
                YEAR,
                PostingType.APPROPRIATION,
                FundSource.GENERAL_BUDGET,
                "2013701",
                null,
                null,
                null,
                Money.parse(amount),
                LocalDate.of(YEAR, 1, 5),
                null,
                null,
                null,
                null,
                null);
    }

    private static Posting expenditure(String id, String amount) {
        return new Posting(
                id,
                "test",
                UNIT,
                YEAR,
                PostingType.EXPENDITURE,
                FundSource.GENERAL_BUDGET,
                "2013701",
                "30201",
                ExpenditureKind.BASIC,
                null,
                Money.parse(amount),
                LocalDate.of(YEAR, 2, 5),
                null,
                null,
                null,
                null,
                null);
    }

    private EventEnvelope envelope(long sequence, LedgerEvent event) {
        return new EventEnvelope(
                LEDGER,
                sequence,
                "e-" + sequence,
                LedgerEvents.nameOf(event.getClass()),
                event.recording().recordedAt(),
                mapper.valueToTree(event),
                null,
                null,
                null);
    }
}
