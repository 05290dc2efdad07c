package org.budgetledger.projection.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.projection.apply.EventApplier;
import org.budgetledger.projection.apply.LedgerSource;
import org.budgetledger.projection.dashboard.Dashboards;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.PublishedViews;
import org.budgetledger.projection.publication.LedgerPublisher;
import org.budgetledger.projection.publication.PublicationService;
import org.budgetledger.projection.signals.domain.SignalThresholds;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.web.ApiErrors;
import org.budgetledger.testkit.Fixtures;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.client.RestClient;

/**
 * The signals endpoint over the projection's own store: ledger.events applied as the listener applies them (the
 * embedded store), then asked through the controller. Every figure of a signal is given again by the audit trail of
 * its cells or by the sum of its postings.
 */
class SignalsControllerTest {

    private static final ObjectMapper JSON = Json.newMapper();

    private SimpleMongoClientDatabaseFactory factory;
    private Stores stores;
    private EventApplier applier;
    private FinalAccounts accounts;
    private SignalsService signals;
    private MockMvc mvc;

    @BeforeEach
    void projection() {
        factory = new SimpleMongoClientDatabaseFactory(TestInfra.freshMongoDatabase("signals"));
        stores = new Stores(factory);
        applier = new EventApplier(
                new LedgerSource("http://127.0.0.1:9", "", RestClient.builder()),
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new Divergences(new SimpleMeterRegistry(), Clock.systemUTC()));
        accounts = new FinalAccounts(stores);
        Divergences divergences = new Divergences(new SimpleMeterRegistry(), Clock.systemUTC());
        PublicationService publications = new PublicationService(
                accounts,
                stores,
                new LedgerPublisher("http://127.0.0.1:9", RestClient.builder()),
                new PublishedViews(accounts, stores, divergences));
        signals = new SignalsService(accounts, stores, SignalThresholds.DEFAULTS, publications);
        mvc = MockMvcBuilders.standaloneSetup(new SignalsController(signals))
                .setControllerAdvice(new ApiErrors())
                .build();
    }

    @AfterEach
    void drop() throws Exception {
        factory.destroy();
    }

    private void apply(LedgerStreams streams) {
        applier.apply(stores.active(), streams.events);
    }

    private JsonNode signals(String path) throws Exception {
        String body = mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        return JSON.readTree(body);
    }

    @Test
    void theSeedLoadedTodayHasNoSignalAndNoLateEntry() throws Exception {
        apply(new LedgerStreams(Instant.now()).fixture(Fixtures.HETANG));

        JsonNode answer = signals("/api/v1/final-accounts/HT-CAC/2019/signals");

        assertThat(answer.get("scope").asText()).isEqualTo("department");
        assertThat(answer.get("thresholds").get("lateEntryDays").asInt()).isEqualTo(30);
        assertThat(answer.get("signals")).isEmpty();
        mvc.perform(get("/api/v1/final-accounts/NOBODY/2019/signals")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/final-accounts/HT-CAC/2019/signals?scope=elsewhere"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aPostingRecordedAfterTheCloseIsAnError() throws Exception {
        LedgerStreams streams = new LedgerStreams(Instant.parse("2020-01-10T02:00:00Z"))
                .fixture(Fixtures.HETANG)
                .close("HT-CAC", 2019);
        Instant closedAt = streams.last();
        streams.post(new Posting(
                "HT-CAC-2019-LATE",
                "treasury-payments",
                "HT-CAC",
                2019,
                PostingType.EXPENDITURE,
                FundSource.GENERAL_BUDGET,
                "2013701",
                "30201",
                ExpenditureKind.BASIC,
                null,
                Money.parse("100.00"),
                LocalDate.of(2019, 12, 31),
                null,
                null,
                null,
                null,
                null));
        apply(streams);

        JsonNode signal = signals("/api/v1/final-accounts/HT-CAC/2019/signals?scope=self")
                .get("signals")
                .get(0);

        assertThat(signal.get("kind").asText()).isEqualTo("AFTER_CLOSE");
        assertThat(signal.get("severity").asText()).isEqualTo("ERROR");
        assertThat(signal.get("figures").get("closedAt").asText()).isEqualTo(closedAt.toString());
        assertThat(signal.get("figures").get("closeSequence").asLong()).isEqualTo(147);
        assertThat(signal.get("postings")).hasSize(1);
        assertThat(signal.get("postings").get(0).get("postingId").asText()).isEqualTo("HT-CAC-2019-LATE");
        assertThat(signal.get("postings").get(0).get("sequence").asLong()).isEqualTo(148);
        assertThat(signal.get("postings").get(0).get("occurredOn").asText()).isEqualTo("2019-12-31");
        assertThat(signal.get("postings").get(0).get("recordedAt").asText())
                .isEqualTo(closedAt.plusMillis(1).toString());
        assertThat(signal.get("messageZh").asText()).contains("其后仍记录了1笔记账");
    }

    @Test
    void theDemoDepartmentOverBudgetAndRushReproducedFromTheirCellsAndPostings() throws Exception {
        apply(new LedgerStreams(Instant.now()).fixture(Fixtures.DEMO_WLJ));

        JsonNode answer = signals("/api/v1/final-accounts/DEMO-WLJ/2020/signals");

        List<String> kinds = new ArrayList<>();
        answer.get("signals").forEach(s -> kinds.add(s.get("kind").asText()));
        assertThat(kinds).containsExactly("YEAR_END_RUSH", "OVER_BUDGET", "OVER_BUDGET", "OVER_BUDGET");
        for (JsonNode s : answer.get("signals")) {
            reproducible(s, 2020);
        }
        JsonNode reception = answer.get("signals").get(2);
        assertThat(reception.get("figures").get("item").asText()).isEqualTo("reception");
        assertThat(reception.get("figures").get("budget").asText()).isEqualTo("1.50");
        assertThat(reception.get("figures").get("actual").asText()).isEqualTo("2.35");
        assertThat(reception.get("message").asText()).contains("reception");
        assertThat(reception.get("messageZh").asText()).startsWith("公务接待费决算数2.35万元超过全年预算数1.50万元");

        assertThat(signals("/api/v1/final-accounts/DEMO-WLJ-WHG/2020/signals?scope=self")
                        .get("signals"))
                .as("the library spends evenly and budgets nothing")
                .isEmpty();
        Dashboards dashboards = new Dashboards(
                stores,
                accounts,
                signals,
                new org.budgetledger.kit.scope.UnitScopes((unit, year) -> java.util.Optional.empty()));
        assertThat(dashboards
                        .headline("DEMO-WLJ", 2020, FinalAccounts.Scope.DEPARTMENT)
                        .orElseThrow()
                        .signals())
                .isEqualTo(4);
        assertThat(dashboards.headlines(2020, null, null, FinalAccounts.Scope.SELF, "expenditure", true).stream()
                        .map(h -> h.unitCode() + "=" + h.signals()))
                .as(
                        "alone, the office keeps its rush, reception and 项 2070109; vehicle running is over only with ZFDD's")
                .containsExactly("DEMO-WLJ=3", "DEMO-WLJ-WHG=0", "DEMO-WLJ-ZFDD=0");
    }

    /** Each figure of a signal: a cell's audit trail at the signal's unit and scope, or the sum of its postings. */
    private void reproducible(JsonNode s, int fiscalYear) {
        JsonNode f = s.get("figures");
        FinalAccounts.Scope scope =
                s.get("scope").asText().equals("self") ? FinalAccounts.Scope.SELF : FinalAccounts.Scope.DEPARTMENT;
        List<String> trails = new ArrayList<>();
        s.get("cellKeys")
                .forEach(k -> trails.add(FinalAccounts.sum(
                                accounts.audit(s.get("unitCode").asText(), fiscalYear, scope, k.asText(), null)
                                        .orElseThrow())
                        .toString()));
        BigDecimal listed = BigDecimal.ZERO;
        for (JsonNode p : s.get("postings")) {
            listed = listed.add(new BigDecimal(p.get("amount").asText()));
        }
        String sum = listed.setScale(2).toPlainString();
        switch (s.get("kind").asText()) {
            case "OVER_BUDGET" -> {
                if (f.has("item")) {
                    assertThat(trails)
                            .containsExactly(
                                    f.get("budgetYuan").asText(),
                                    f.get("actualYuan").asText());
                } else {
                    assertThat(trails).containsExactly(f.get("actualYuan").asText());
                    assertThat(sum).isEqualTo(f.get("budgetYuan").asText());
                }
            }
            case "YEAR_END_RUSH" -> {
                String whole = f.has("economicClass") ? sum : trails.get(0);
                assertThat(whole).isEqualTo(f.get("yearYuan").asText());
            }
            default -> throw new AssertionError("unexpected " + s);
        }
    }

    @Test
    void decemberFarAboveTheUnitsOwnEarlierYearsIsARushThroughTheStore() throws Exception {
        LedgerStreams streams = new LedgerStreams(Instant.parse("2023-01-05T02:00:00Z"));
        UnitProfile profile = new UnitProfile("突击单位", UnitKind.ADMINISTRATIVE, null, "示例区", null, null);
        streams.profile("RUSH-1", 2023, profile).profile("RUSH-1", 2024, profile);
        for (int year : new int[] {2023, 2024}) {
            for (int m = 1; m <= 12; m++) {
                String amount = year == 2024 && m == 12 ? "35000.00" : "10000.00";
                streams.at(Instant.parse(String.format("%d-%02d-20T02:00:00Z", year, m)))
                        .post(spent("RUSH-1-" + year + "-" + m, year, amount, String.format("%d-%02d-20", year, m)));
            }
        }
        apply(streams);

        JsonNode answer = signals("/api/v1/final-accounts/RUSH-1/2024/signals");

        assertThat(answer.get("signals")).hasSize(1);
        JsonNode rush = answer.get("signals").get(0);
        assertThat(rush.get("kind").asText()).isEqualTo("YEAR_END_RUSH");
        assertThat(rush.get("figures").get("decemberShare").asText()).isEqualTo("24.14");
        assertThat(rush.get("figures").get("previousDecemberShareAverage").asText())
                .isEqualTo("8.33");
        assertThat(rush.get("figures")
                        .get("previousYears")
                        .get("2023")
                        .get("decemberYuan")
                        .asText())
                .isEqualTo("10000.00");
        reproducible(rush, 2024);
    }

    private static Posting spent(String id, int year, String amount, String occurredOn) {
        return new Posting(
                id,
                "treasury-payments",
                "RUSH-1",
                year,
                PostingType.EXPENDITURE,
                FundSource.GENERAL_BUDGET,
                "2013701",
                "30201",
                ExpenditureKind.BASIC,
                null,
                Money.parse(amount),
                LocalDate.parse(occurredOn),
                null,
                null,
                null,
                null,
                null);
    }
}
