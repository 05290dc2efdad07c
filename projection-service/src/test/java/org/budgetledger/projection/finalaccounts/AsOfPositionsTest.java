package org.budgetledger.projection.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.ExpenditureRecorded;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.IncomeRecorded;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.NarrativeRecorded;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.projection.apply.EventApplier;
import org.budgetledger.projection.apply.LedgerSource;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.web.client.RestClient;

/**
 * An as-of answer gives the positions as of its instant: each ledger's figures are those of its first {@code position}
 * events, one past the last posting (or import) recorded at or before the instant, and every event once the instant
 * is at or after the ledger's latest recording (against the embedded store, through the cells endpoint).
 */
class AsOfPositionsTest {

    private static final int YEAR = 2019;
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final String INCOME = "01/income.total/amount";

    private final ObjectMapper mapper = Json.newMapper();
    private SimpleMongoClientDatabaseFactory factory;
    private Stores stores;
    private EventApplier applier;
    private FinalAccountsController controller;

    @BeforeEach
    void store() {
        factory = new SimpleMongoClientDatabaseFactory(TestInfra.freshMongoDatabase("asofpos"));
        stores = new Stores(factory);
        applier = new EventApplier(
                new LedgerSource("http://127.0.0.1:9", "", RestClient.builder()),
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new Divergences(new SimpleMeterRegistry(), Clock.systemUTC()));
        FinalAccounts accounts = new FinalAccounts(stores);
        Divergences divergences = new Divergences(new SimpleMeterRegistry(), Clock.systemUTC());
        controller = new FinalAccountsController(accounts, mapper, new PublishedViews(accounts, stores, divergences));
    }

    @AfterEach
    void close() throws Exception {
        factory.destroy();
    }

    /**
     * PARENT:2019: profile (0, t0), income 1,000.00 (1, t0+10 s), narrative (2, t0+20 s), expenditure (3, t0+30 s),
     * narrative (4, t0+40 s). CHILD:2019: profile (0, t0+1 s), income 200.00 (1, t0+25 s).
     */
    @Test
    void theAnswerAsOfAnInstantCountsTheEventsItsFiguresReach() throws Exception {
        ledger(
                "PARENT",
                profile("PARENT", null, T0),
                at(T0.plusSeconds(10), income("PARENT", "P-1", "1000.00", T0.plusSeconds(10))),
                at(T0.plusSeconds(20), narrative("PARENT", "第一稿", T0.plusSeconds(20))),
                at(T0.plusSeconds(30), expenditure("PARENT", "P-2", "300.00", T0.plusSeconds(30))),
                at(T0.plusSeconds(40), narrative("PARENT", "第二稿", T0.plusSeconds(40))));
        ledger(
                "CHILD",
                profile("CHILD", "PARENT", T0.plusSeconds(1)),
                at(T0.plusSeconds(25), income("CHILD", "C-1", "200.00", T0.plusSeconds(25))));

        JsonNode live = cells("PARENT", null);
        assertThat(live.get("position").asLong()).isEqualTo(7);
        assertThat(ledgers(live)).isEqualTo(positions(5, 2));

        JsonNode before = cells("PARENT", T0.minusSeconds(1));
        assertThat(before.get("cells")).as("before any event").isEmpty();
        assertThat(before.get("position").asLong()).isZero();
        assertThat(ledgers(before)).isEqualTo(positions(0, 0));

        JsonNode profilesOnly = cells("PARENT", T0.plusSeconds(5));
        assertThat(profilesOnly.get("cells"))
                .as("after the profiles, before any posting")
                .isEmpty();
        assertThat(ledgers(profilesOnly))
                .as("a profile moves no figure: counted only up to a posting")
                .isEqualTo(positions(0, 0));

        JsonNode atFirst = cells("PARENT", T0.plusSeconds(10));
        assertThat(atFirst.get("cells").get(INCOME).asText())
                .as("at the instant of the first posting")
                .isEqualTo("0.10");
        assertThat(ledgers(atFirst)).isEqualTo(positions(2, 0));

        JsonNode between = cells("PARENT", T0.plusSeconds(22));
        assertThat(between.get("cells").get(INCOME).asText()).isEqualTo("0.10");
        assertThat(ledgers(between))
                .as("between the two postings: after the first; the narrative after it is not counted")
                .isEqualTo(positions(2, 0));
        assertThat(between.get("position").asLong()).isEqualTo(2);
        assertThat(between.get("asOf").asText()).isEqualTo(T0.plusSeconds(22).toString());

        JsonNode childToo = cells("PARENT", T0.plusSeconds(35));
        assertThat(childToo.get("cells").get(INCOME).asText()).isEqualTo("0.12");
        assertThat(ledgers(childToo))
                .as("the child at its latest recording: every event")
                .isEqualTo(positions(4, 2));
        assertThat(childToo.get("position").asLong()).isEqualTo(6);

        JsonNode later = cells("PARENT", T0.plusSeconds(40));
        assertThat(ledgers(later))
                .as("at the latest recording: every event, as now")
                .isEqualTo(ledgers(live));
        assertThat(later.get("cells")).isEqualTo(live.get("cells"));

        assertThat(cells("PARENT", null))
                .as("the live answer, cached, is not an as-of one")
                .isEqualTo(live);
        JsonNode self = cells("CHILD", T0.plusSeconds(24), "self");
        assertThat(ledgers(self)).isEqualTo(Map.of("CHILD:" + YEAR, 0L));
    }

    @Test
    void anImportedYearAsOfBeforeItsImportHasNoFiguresNoImportAndNoPosition() throws Exception {
        Instant imported = T0.plusSeconds(60);
        ledger(
                "IMP",
                profile("IMP", null, T0),
                at(
                        imported,
                        new FiguresImported(
                                "IMP",
                                YEAR,
                                Map.of(INCOME, 12_345_600L),
                                new FiguresImported.Source("2019年决算.json", "ab".repeat(32), "json", List.of()),
                                new Recording(imported, "c-imp", "test", "test"))));

        JsonNode before = cells("IMP", imported.minusSeconds(1));
        assertThat(before.get("cells")).isEmpty();
        assertThat(before.has("imported")).as("not imported yet").isFalse();
        assertThat(before.get("position").asLong()).isZero();

        JsonNode after = cells("IMP", imported);
        assertThat(after.get("cells").get(INCOME).asText()).isEqualTo("12.35");
        assertThat(after.get("imported").get(0).get("fileName").asText()).isEqualTo("2019年决算.json");
        assertThat(after.get("position").asLong()).isEqualTo(2);
    }

    private static Map<String, Long> positions(long parent, long child) {
        return Map.of("PARENT:" + YEAR, parent, "CHILD:" + YEAR, child);
    }

    private Map<String, Long> ledgers(JsonNode answer) {
        return mapper.convertValue(answer.get("positions"), new TypeReference<Map<String, Long>>() {});
    }

    private JsonNode cells(String unit, Instant asOf) throws Exception {
        return cells(unit, asOf, "department");
    }

    private JsonNode cells(String unit, Instant asOf, String scope) throws Exception {
        return mapper.readTree(controller.cells(unit, YEAR, scope, asOf, null).getBody());
    }

    /** An event with its recording time (the envelope's, which the projection reads). */
    private record Timed(Instant at, LedgerEvent event) {}

    private static Timed at(Instant at, LedgerEvent event) {
        return new Timed(at, event);
    }

    private void ledger(String unit, Timed... events) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (int sequence = 0; sequence < events.length; sequence++) {
            envelopes.add(new EventEnvelope(
                    unit + ":" + YEAR,
                    sequence,
                    "e-" + unit + "-" + sequence,
                    LedgerEvents.nameOf(events[sequence].event().getClass()),
                    events[sequence].at(),
                    mapper.valueToTree(events[sequence].event()),
                    null,
                    null,
                    null));
        }
        applier.apply(stores.active(), envelopes);
    }

    private static Timed profile(String unit, String parent, Instant at) {
        UnitProfile profile = new UnitProfile(unit + "单位", UnitKind.ADMINISTRATIVE, parent, "430202", null, null);
        return new Timed(at, new UnitProfiled(unit, YEAR, profile, new Recording(at, "c-" + unit, "test", "test")));
    }

    private static LedgerEvent narrative(String unit, String text, Instant at) {
        return new NarrativeRecorded(unit, YEAR, Map.of("other", text), new Recording(at, "c-n", "test", "test"));
    }

    private static LedgerEvent income(String unit, String id, String yuan, Instant at) {
        Posting income = posting(unit, id, PostingType.INCOME, null, null, yuan);
        return new IncomeRecorded(income, "h-" + id, new Recording(at, "c-" + id, "test", "test"));
    }

    private static LedgerEvent expenditure(String unit, String id, String yuan, Instant at) {
        Posting spent = posting(unit, id, PostingType.EXPENDITURE, "30201", ExpenditureKind.BASIC, yuan);
        return new ExpenditureRecorded(spent, "h-" + id, new Recording(at, "c-" + id, "test", "test"));
    }

    private static Posting posting(
            String unit, String id, PostingType type, String economic, ExpenditureKind kind, String yuan) {
        return new Posting(
                id,
                "test",
                unit,
                YEAR,
                type,
                FundSource.GENERAL_BUDGET,
                "2013701",
                economic,
                kind,
                null,
                Money.parse(yuan),
                LocalDate.of(YEAR, 3, 1),
                null,
                null,
                null,
                null,
                null);
    }
}
