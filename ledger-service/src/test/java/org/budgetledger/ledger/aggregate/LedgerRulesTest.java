package org.budgetledger.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.ledger.aggregate.LedgerHistory.PROFILE;
import static org.budgetledger.ledger.posting.domain.PostingInputs.SOURCE;
import static org.budgetledger.ledger.posting.domain.PostingInputs.UNIT;
import static org.budgetledger.ledger.posting.domain.PostingInputs.YEAR;
import static org.budgetledger.ledger.posting.domain.PostingInputs.appropriation;
import static org.budgetledger.ledger.posting.domain.PostingInputs.budget;
import static org.budgetledger.ledger.posting.domain.PostingInputs.expenditure;
import static org.budgetledger.ledger.posting.domain.PostingInputs.fundOffset;
import static org.budgetledger.ledger.posting.domain.PostingInputs.income;
import static org.budgetledger.ledger.posting.domain.PostingInputs.openingBalance;
import static org.budgetledger.ledger.posting.domain.PostingInputs.procurement;
import static org.budgetledger.ledger.posting.domain.PostingInputs.reversal;
import static org.budgetledger.ledger.posting.domain.PostingInputs.surplusDistribution;
import static org.budgetledger.ledger.posting.domain.PostingOutcome.Status.CONFLICT;
import static org.budgetledger.ledger.posting.domain.PostingOutcome.Status.DUPLICATE;
import static org.budgetledger.ledger.posting.domain.PostingOutcome.Status.RECORDED;
import static org.budgetledger.ledger.posting.domain.PostingOutcome.Status.REJECTED;
import static org.budgetledger.ledger.posting.domain.PostingRule.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.budgetledger.contract.Activity;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.Procurement;
import org.budgetledger.contract.Staffing;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.AppropriationRecorded;
import org.budgetledger.contract.event.BudgetRecorded;
import org.budgetledger.contract.event.ExpenditureRecorded;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.FundOffsetRecorded;
import org.budgetledger.contract.event.IncomeRecorded;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.NarrativeRecorded;
import org.budgetledger.contract.event.OpeningBalanceRecorded;
import org.budgetledger.contract.event.PostingRecorded;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.ProcurementRecorded;
import org.budgetledger.contract.event.PublicationRecorded;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.SurplusDistributionRecorded;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.posting.domain.PostingContent;
import org.budgetledger.ledger.posting.domain.PostingDecider;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingInputs;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.posting.domain.PostingRule;
import org.budgetledger.ledger.posting.domain.PostingValidator;
import org.budgetledger.ledger.posting.domain.TestCatalogues;
import org.budgetledger.ledger.state.LedgerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ledger's rules, given-when-then on the Axon aggregate: one case per {@link PostingRule} (the table must cover
 * the whole enum), the recorded case of every posting type, idempotency, batches, the year close and the queries.
 */
class LedgerRulesTest {

    static final String LEDGER = UNIT + ":" + YEAR;
    static final Instant NOW = Instant.parse("2020-01-10T09:30:00Z");
    static final Recording CLOSE = new Recording(NOW, "corr-close", "close:" + LEDGER, "test");

    AggregateTestFixture<Ledger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ledger.class);
        fixture.registerInjectableResource(TestCatalogues.SHIPPED);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static Commands.Submission submission(PostingInputs in) {
        return new Commands.Submission(in.build(), "corr-" + in.postingId, "rest", "test");
    }

    static Commands.RecordPostings record(String ledgerId, PostingInputs... inputs) {
        return new Commands.RecordPostings(
                ledgerId, Arrays.stream(inputs).map(LedgerRulesTest::submission).toList(), NOW);
    }

    static Commands.RecordPostings record(PostingInputs... inputs) {
        return record(LEDGER, inputs);
    }

    /** Runs the command on the given events; the outcomes and the published events are captured. */
    record Run(ResultValidator<Ledger> then, List<PostingOutcome> outcomes, List<EventMessage<?>> events) {}

    Run run(List<Object> given, Commands.RecordPostings command) {
        Capture<Object> result = Capture.capture();
        Capture<List<EventMessage<?>>> events = Capture.capture();
        ResultValidator<Ledger> then = fixture.given(given)
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(result)
                .expectEventsMatching(events);
        List<PostingOutcome> outcomes = result.value();
        assertThat(outcomes).hasSameSizeAs(command.submissions());
        return new Run(then, outcomes, events.value());
    }

    static void assertRejected(PostingOutcome o, PostingInput in, PostingRule rule, String field) {
        assertThat(o.status())
                .as("status of %s", o)
                .isEqualTo(rule.isConflict() ? PostingOutcome.Status.CONFLICT : REJECTED);
        assertThat(o.postingId()).isEqualTo(in.postingId());
        assertThat(o.eventId()).isNull();
        assertThat(o.sequence()).isNull();
        assertThat(o.violation()).isNotNull();
        assertThat(o.violation().error()).as("error of %s", o).isEqualTo(rule.code());
        assertThat(o.violation().field()).as("field of %s", o).isEqualTo(field);
        if (rule.field() != null) {
            assertThat(field).as("the rule's own field").isEqualTo(rule.field());
        }
        assertThat(o.violation().message()).as("the message names the field").contains(field);
    }

    /** The outcome of a recorded posting points at the event that was published, by id and sequence. */
    static void assertRecorded(PostingOutcome o, PostingInput in, EventMessage<?> event, long sequence) {
        assertThat(o.status()).as("status of %s", o).isEqualTo(RECORDED);
        assertThat(o.postingId()).isEqualTo(in.postingId());
        assertThat(o.violation()).isNull();
        assertThat(o.sequence()).isEqualTo(sequence);
        assertThat(o.eventId()).isEqualTo(event.getIdentifier());
        assertThat(event).isInstanceOf(DomainEventMessage.class);
        assertThat(((DomainEventMessage<?>) event).getSequenceNumber()).isEqualTo(sequence);
        assertThat(((DomainEventMessage<?>) event).getAggregateIdentifier()).isEqualTo(LEDGER);
    }

    static Recording recordingOf(PostingInputs in) {
        return new Recording(NOW, "corr-" + in.postingId, "rest", "test");
    }

    // ---- one case per rule ----------------------------------------------------------------------------------------

    /** How a rule is reached: through the aggregate, or (for what the aggregate cannot see) on the pure parts. */
    enum Via {
        /** RecordPostings on a registered ledger → REJECTED, no events. */
        AGGREGATE,
        /** Routing rules: the service checks them before it picks a ledger; the aggregate refuses a misrouted posting. */
        ROUTING,
        /** Identity rules: the service checks them once, before anything else; the aggregate only asserts them. */
        IDENTITY,
        /** No aggregate exists without UnitProfiled: checked on PostingDecider with a fresh LedgerState. */
        UNREGISTERED
    }

    record RuleCase(
            PostingRule rule,
            String field,
            Via via,
            int year,
            UnaryOperator<LedgerHistory> given,
            PostingInputs input) {
        @Override
        public String toString() {
            return rule + " (" + field + ", " + via + ")";
        }
    }

    static RuleCase rule(PostingRule rule, String field, PostingInputs input) {
        return new RuleCase(rule, field, Via.AGGREGATE, YEAR, h -> h, input);
    }

    static RuleCase rule(PostingRule rule, String field, UnaryOperator<LedgerHistory> given, PostingInputs input) {
        return new RuleCase(rule, field, Via.AGGREGATE, YEAR, given, input);
    }

    static RuleCase identity(PostingRule rule, PostingInputs input) {
        return new RuleCase(rule, rule.field(), Via.IDENTITY, YEAR, h -> h, input);
    }

    static RuleCase routing(PostingRule rule, PostingInputs input) {
        return new RuleCase(rule, rule.field(), Via.ROUTING, YEAR, h -> h, input);
    }

    static Stream<RuleCase> ruleCases() {
        return Stream.of(
                // shape of the JSON (found by PostingReader, reported by the ledger)
                rule(
                        UNKNOWN_FIELD,
                        "foo",
                        appropriation("A-1", "100.00").shapeViolation(UNKNOWN_FIELD.violationOf("foo", null))),
                rule(
                        UNKNOWN_FIELD,
                        "activity.colour",
                        appropriation("A-1", "100.00")
                                .shapeViolation(UNKNOWN_FIELD.violationOf("activity.colour", null))),
                rule(
                        WRONG_JSON_TYPE,
                        "amount",
                        appropriation("A-1", null)
                                .shapeViolation(WRONG_JSON_TYPE.violationOf("amount", "must be a string"))),
                // identity
                identity(POSTING_ID_REQUIRED, appropriation(null, "100.00")),
                identity(POSTING_ID_FORMAT, appropriation("A 1", "100.00")),
                identity(POSTING_ID_FORMAT, appropriation("A".repeat(65), "100.00")),
                identity(SOURCE_SYSTEM_REQUIRED, appropriation("A-1", "100.00").sourceSystem(null)),
                identity(SOURCE_SYSTEM_FORMAT, appropriation("A-1", "100.00").sourceSystem(" treasury")),
                identity(SOURCE_SYSTEM_FORMAT, appropriation("A-1", "100.00").sourceSystem("")),
                // routing
                routing(UNIT_CODE_REQUIRED, appropriation("A-1", "100.00").unitCode(null)),
                routing(UNIT_CODE_FORMAT, appropriation("A-1", "100.00").unitCode("HT CAC")),
                routing(FISCAL_YEAR_REQUIRED, appropriation("A-1", "100.00").fiscalYear(null)),
                routing(
                        FISCAL_YEAR_RANGE,
                        appropriation("A-1", "100.00").fiscalYear(1989).occurredOn("1989-03-01")),
                // type
                rule(TYPE_REQUIRED, "type", appropriation("A-1", "100.00").type(null)),
                rule(TYPE_UNKNOWN, "type", appropriation("A-1", "100.00").type("GIFT")),
                rule(TYPE_UNKNOWN, "type", appropriation("A-1", "100.00").type("appropriation")),
                // the ledger
                new RuleCase(
                        UNIT_NOT_REGISTERED,
                        "unitCode",
                        Via.UNREGISTERED,
                        YEAR,
                        h -> h,
                        appropriation("A-1", "100.00")),
                rule(YEAR_CLOSED, "fiscalYear", LedgerHistory::closed, appropriation("A-1", "100.00")),
                rule(
                        YEAR_IMPORTED,
                        "fiscalYear",
                        h -> h.add(new FiguresImported(
                                UNIT,
                                YEAR,
                                Map.of("01/income.total/amount", 1L),
                                new FiguresImported.Source("a.json", "00".repeat(32), "json", List.of("01")),
                                LedgerHistory.GIVEN)),
                        appropriation("A-1", "100.00")),
                new RuleCase(
                        CATALOGUE_MISSING,
                        "fiscalYear",
                        Via.AGGREGATE,
                        1995,
                        h -> h,
                        appropriation("A-1", "100.00").fiscalYear(1995).occurredOn("1995-03-01")),
                // fields against the type
                rule(
                        FIELD_NOT_FOR_TYPE,
                        "economicCode",
                        appropriation("A-1", "100.00").economicCode("30101")),
                rule(FIELD_NOT_FOR_TYPE, "amount", reversal("R-1", "A-1").amount("1.00")),
                rule(
                        FUND_SOURCE_REQUIRED,
                        "fundSource",
                        appropriation("A-1", "100.00").fundSource(null)),
                rule(
                        FUND_SOURCE_UNKNOWN,
                        "fundSource",
                        appropriation("A-1", "100.00").fundSource("PIGGY_BANK")),
                rule(
                        FUND_SOURCE_NOT_FOR_TYPE,
                        "fundSource",
                        appropriation("A-1", "100.00").fundSource("OPERATING")),
                rule(
                        FUND_SOURCE_NOT_FOR_TYPE,
                        "fundSource",
                        income("I-1", "100.00").fundSource("GENERAL_BUDGET")),
                rule(
                        FUNCTIONAL_CODE_REQUIRED,
                        "functionalCode",
                        appropriation("A-1", "100.00").functionalCode(null)),
                rule(
                        FUNCTIONAL_CODE_LEVEL,
                        "functionalCode",
                        appropriation("A-1", "100.00").functionalCode("20137")),
                rule(
                        FUNCTIONAL_CODE_UNKNOWN,
                        "functionalCode",
                        appropriation("A-1", "100.00").functionalCode("2013704")),
                rule(
                        ECONOMIC_CODE_REQUIRED,
                        "economicCode",
                        expenditure("E-1", "10.00").economicCode(null)),
                rule(
                        ECONOMIC_CODE_LEVEL,
                        "economicCode",
                        expenditure("E-1", "10.00").economicCode("301")),
                rule(
                        ECONOMIC_CODE_UNKNOWN,
                        "economicCode",
                        expenditure("E-1", "10.00").economicCode("30198")),
                rule(
                        EXPENDITURE_KIND_REQUIRED,
                        "expenditureKind",
                        expenditure("E-1", "10.00").expenditureKind(null)),
                rule(
                        EXPENDITURE_KIND_UNKNOWN,
                        "expenditureKind",
                        expenditure("E-1", "10.00").expenditureKind("LUNCH")),
                rule(
                        EXPENDITURE_KIND_NOT_FOR_FISCAL,
                        "expenditureKind",
                        expenditure("E-1", "10.00").expenditureKind("REMIT_TO_SUPERIOR")),
                rule(STAGE_REQUIRED, "stage", budget("B-1", "10.00").stage(null)),
                rule(STAGE_UNKNOWN, "stage", budget("B-1", "10.00").stage("FINAL")),
                rule(AMOUNT_REQUIRED, "amount", appropriation("A-1", null)),
                rule(AMOUNT_FORMAT, "amount", appropriation("A-1", "12.345")),
                rule(AMOUNT_NOT_POSITIVE, "amount", appropriation("A-1", "0.00")),
                rule(AMOUNT_NOT_POSITIVE, "amount", appropriation("A-1", "-5.00")),
                rule(AMOUNT_TOO_LARGE, "amount", appropriation("A-1", "1000000000000.00")),
                rule(
                        OCCURRED_ON_REQUIRED,
                        "occurredOn",
                        appropriation("A-1", "100.00").occurredOn(null)),
                rule(
                        OCCURRED_ON_FORMAT,
                        "occurredOn",
                        appropriation("A-1", "100.00").occurredOn("2019-02-30")),
                rule(
                        OCCURRED_ON_OUTSIDE_YEAR,
                        "occurredOn",
                        appropriation("A-1", "100.00").occurredOn("2018-12-31")),
                rule(
                        PROCUREMENT_REQUIRED,
                        "procurement",
                        procurement("PR-1", "100.00").noProcurement()),
                rule(
                        PROCUREMENT_CATEGORY,
                        "procurement.category",
                        procurement("PR-1", "100.00").procurement("FOOD", true, false)),
                rule(
                        PROCUREMENT_AWARDS,
                        "procurement.smeAwarded",
                        procurement("PR-1", "100.00").procurement("SERVICES", false, true)),
                rule(
                        ACTIVITY_KIND,
                        "activity.kind",
                        appropriation("A-1", "100.00").activity("PARTY", 1, 5)),
                rule(ACTIVITY_COUNT, "activity", appropriation("A-1", "100.00").activity("MEETING", 1, -1)),
                rule(ACTIVITY_COUNT, "activity", appropriation("A-1", "100.00").activity("MEETING", 1_000_001, 1)),
                rule(
                        TEXT_TOO_LONG,
                        "description",
                        appropriation("A-1", "100.00").description("x".repeat(2001))),
                rule(
                        TEXT_CONTROL_CHARACTERS,
                        "description",
                        appropriation("A-1", "100.00").description("a\u0007b")),
                rule(
                        TEXT_CONTROL_CHARACTERS,
                        "reason",
                        h -> h.post(appropriation("A-1", "100.00")),
                        reversal("R-1", "A-1").reason("wrong\u0000")),
                rule(
                        TEXT_TOO_LONG,
                        "reason",
                        h -> h.post(appropriation("A-1", "100.00")),
                        reversal("R-1", "A-1").reason("y".repeat(2001))),
                // reversals
                rule(
                        REASON_REQUIRED,
                        "reason",
                        h -> h.post(appropriation("A-1", "100.00")),
                        reversal("R-1", "A-1").reason(null)),
                rule(
                        REASON_REQUIRED,
                        "reason",
                        h -> h.post(appropriation("A-1", "100.00")),
                        reversal("R-1", "A-1").reason("  ")),
                rule(REVERSES_REQUIRED, "reverses", reversal("R-1", null)),
                rule(
                        REVERSES_UNKNOWN,
                        "reverses",
                        h -> h.post(appropriation("A-1", "100.00")),
                        reversal("R-1", "A-404")),
                rule(
                        REVERSES_UNKNOWN,
                        "reverses",
                        h -> h.post(appropriation("A-1", "100.00")),
                        reversal("R-1", "A-1").sourceSystem("other-system")),
                rule(
                        REVERSES_ALREADY_REVERSED,
                        "reverses",
                        h -> h.post(appropriation("A-1", "100.00"), reversal("R-1", "A-1")),
                        reversal("R-2", "A-1")),
                rule(
                        REVERSES_A_REVERSAL,
                        "reverses",
                        h -> h.post(appropriation("A-1", "100.00"), reversal("R-1", "A-1")),
                        reversal("R-2", "R-1")),
                // availability
                rule(INSUFFICIENT_FUNDS, "amount", expenditure("E-1", "0.01")),
                rule(
                        INSUFFICIENT_FUNDS,
                        "amount",
                        h -> h.post(appropriation("A-1", "100.00")),
                        expenditure("E-1", "100.01")),
                rule(
                        INSUFFICIENT_FUNDS,
                        "amount",
                        h -> h.post(appropriation("A-1", "100.00")),
                        expenditure("E-1", "50.00").fundSource("GOVERNMENT_FUND")),
                rule(
                        INSUFFICIENT_FUNDS,
                        "amount",
                        h -> h.post(income("I-1", "10.00")),
                        surplusDistribution("S-1", "10.01")),
                rule(
                        REVERSAL_OVERDRAWS,
                        "reverses",
                        h -> h.post(appropriation("A-1", "100.00"), expenditure("E-1", "60.00")),
                        reversal("R-1", "A-1")),
                // exact totals: a sum that would leave the range of fen in a long is refused, not wrapped
                rule(LEDGER_TOTAL_OVERFLOW, "amount", h -> h.add(nearlyEverything()), appropriation("A-1", "100.00")));
    }

    /** An appropriation (as an event: no single posting may carry this much) that fills a long's range of fen. */
    static AppropriationRecorded nearlyEverything() {
        return new AppropriationRecorded(
                new Posting(
                        "A-0",
                        PostingInputs.SOURCE,
                        UNIT,
                        YEAR,
                        PostingType.APPROPRIATION,
                        FundSource.GENERAL_BUDGET,
                        "2013701",
                        null,
                        null,
                        null,
                        Money.ofFen(Long.MAX_VALUE - 5),
                        LocalDate.of(YEAR, 3, 1),
                        null,
                        null,
                        null,
                        null,
                        null),
                "00000000000000a0",
                LedgerHistory.GIVEN);
    }

    @Test
    void theRuleTableCoversEveryPostingRule() {
        Set<PostingRule> covered = ruleCases()
                .map(RuleCase::rule)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PostingRule.class)));
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered)))
                .as("rules without a case")
                .isEmpty();
        assertThat(covered).containsExactlyInAnyOrder(PostingRule.values());
    }

    @Test
    void ruleCodesAreUnique() {
        assertThat(Arrays.stream(PostingRule.values()).map(PostingRule::code)).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleCases")
    void eachRuleRejectsAndRecordsNothing(RuleCase c) {
        PostingInput in = c.input().build();
        switch (c.via()) {
            case AGGREGATE -> {
                LedgerHistory history = c.given().apply(LedgerHistory.profiled(UNIT, c.year()));
                Run run = run(history.events(), record(history.ledgerId(), c.input()));
                run.then().expectNoEvents();
                assertRejected(run.outcomes().get(0), in, c.rule(), c.field());
            }
            case ROUTING, IDENTITY -> {
                PostingValidator.Checked checked = PostingValidator.validate(in, TestCatalogues.SHIPPED);
                assertThat(checked.valid()).isFalse();
                assertRejected(PostingOutcome.rejected(in.postingId(), checked.violation()), in, c.rule(), c.field());
                assertThat(
                                c.via() == Via.ROUTING
                                        ? PostingValidator.checkLedger(in)
                                        : PostingValidator.checkIdentity(in))
                        .contains(checked.violation());
                // the service answers these before it picks a ledger; a ledger refuses a posting routed to it by
                // mistake
                fixture.given(LedgerHistory.profiled().events())
                        .when(record(c.input()))
                        .expectException(IllegalArgumentException.class)
                        .expectNoEvents();
            }
            case UNREGISTERED -> {
                PostingDecider.Decision d = PostingDecider.decide(
                        new LedgerState(), UNIT, YEAR, in, TestCatalogues.SHIPPED, recordingOf(c.input()));
                assertThat(d.event()).isNull();
                assertRejected(d.outcome(), in, c.rule(), c.field());
                // through Axon: there is no ledger before its UnitProfiled (PostingService maps this to the same rule)
                fixture.givenNoPriorActivity()
                        .when(record(c.input()))
                        .expectException(AggregateNotFoundException.class)
                        .expectNoEvents();
            }
        }
    }

    // ---- the recorded case of every posting type ----------------------------------------------------------------

    record TypeCase(
            PostingType type,
            Class<? extends PostingRecorded> eventType,
            UnaryOperator<LedgerHistory> given,
            PostingInputs input,
            Posting expected) {
        @Override
        public String toString() {
            return type.name();
        }
    }

    static Posting posting(
            String id,
            PostingType type,
            FundSource fs,
            String fn,
            String ec,
            ExpenditureKind kind,
            BudgetStage stage,
            String amount,
            String description,
            Activity activity,
            Procurement procurement) {
        return new Posting(
                id,
                SOURCE,
                UNIT,
                YEAR,
                type,
                fs,
                fn,
                ec,
                kind,
                stage,
                Money.parse(amount),
                LocalDate.of(2019, 3, 15),
                description,
                activity,
                procurement,
                null,
                null);
    }

    static Stream<TypeCase> typeCases() {
        return Stream.of(
                new TypeCase(
                        PostingType.APPROPRIATION,
                        AppropriationRecorded.class,
                        h -> h,
                        appropriation("A-1", "1000.00").description("1月拨款"),
                        posting(
                                "A-1",
                                PostingType.APPROPRIATION,
                                FundSource.GENERAL_BUDGET,
                                "2013701",
                                null,
                                null,
                                null,
                                "1000.00",
                                "1月拨款",
                                null,
                                null)),
                new TypeCase(
                        PostingType.INCOME,
                        IncomeRecorded.class,
                        h -> h,
                        income("I-1", "250.5").fundSource("SUPERIOR_SUBSIDY"),
                        posting(
                                "I-1",
                                PostingType.INCOME,
                                FundSource.SUPERIOR_SUBSIDY,
                                "2013701",
                                null,
                                null,
                                null,
                                "250.50",
                                null,
                                null,
                                null)),
                new TypeCase(
                        PostingType.EXPENDITURE,
                        ExpenditureRecorded.class,
                        h -> h.post(appropriation("A-1", "5000.00")),
                        expenditure("E-1", "4275.00").description("1月基本工资").activity("RECEPTION", 1, 5),
                        posting(
                                "E-1",
                                PostingType.EXPENDITURE,
                                FundSource.GENERAL_BUDGET,
                                "2013701",
                                "30101",
                                ExpenditureKind.BASIC,
                                null,
                                "4275.00",
                                "1月基本工资",
                                new Activity(Activity.Kind.RECEPTION, 1, 5),
                                null)),
                new TypeCase(
                        PostingType.OPENING_BALANCE,
                        OpeningBalanceRecorded.class,
                        h -> h,
                        openingBalance("O-1", "300")
                                .fundSource("GOVERNMENT_FUND")
                                .expenditureKind("PROJECT"),
                        posting(
                                "O-1",
                                PostingType.OPENING_BALANCE,
                                FundSource.GOVERNMENT_FUND,
                                "2013701",
                                null,
                                ExpenditureKind.PROJECT,
                                null,
                                "300.00",
                                null,
                                null,
                                null)),
                new TypeCase(
                        PostingType.BUDGET,
                        BudgetRecorded.class,
                        h -> h,
                        budget("B-1", "8000.00").economicCode("30101").stage("INCREASE"),
                        posting(
                                "B-1",
                                PostingType.BUDGET,
                                FundSource.GENERAL_BUDGET,
                                "2013701",
                                "30101",
                                null,
                                BudgetStage.INCREASE,
                                "8000.00",
                                null,
                                null,
                                null)),
                new TypeCase(
                        PostingType.PROCUREMENT,
                        ProcurementRecorded.class,
                        h -> h,
                        procurement("PR-1", "12000.00").procurement("SERVICES", true, true),
                        posting(
                                "PR-1",
                                PostingType.PROCUREMENT,
                                FundSource.GENERAL_BUDGET,
                                "2013701",
                                null,
                                null,
                                null,
                                "12000.00",
                                null,
                                null,
                                new Procurement(Procurement.Category.SERVICES, true, true))),
                new TypeCase(
                        PostingType.FUND_OFFSET,
                        FundOffsetRecorded.class,
                        h -> h,
                        fundOffset("F-1", "700.00").fundSource("BUSINESS"),
                        posting(
                                "F-1",
                                PostingType.FUND_OFFSET,
                                FundSource.BUSINESS,
                                "2013701",
                                null,
                                null,
                                null,
                                "700.00",
                                null,
                                null,
                                null)),
                new TypeCase(
                        PostingType.SURPLUS_DISTRIBUTION,
                        SurplusDistributionRecorded.class,
                        h -> h.post(income("I-1", "1000.00")),
                        surplusDistribution("S-1", "200.00"),
                        posting(
                                "S-1",
                                PostingType.SURPLUS_DISTRIBUTION,
                                FundSource.OPERATING,
                                "2013701",
                                null,
                                null,
                                null,
                                "200.00",
                                null,
                                null,
                                null)),
                new TypeCase(
                        PostingType.REVERSAL,
                        PostingReversed.class,
                        h -> h.post(appropriation("A-1", "1000.00")),
                        reversal("R-1", "A-1").description("撤销"),
                        new Posting(
                                "R-1",
                                SOURCE,
                                UNIT,
                                YEAR,
                                PostingType.REVERSAL,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "撤销",
                                null,
                                null,
                                "A-1",
                                "posted twice by mistake")));
    }

    @Test
    void everyPostingTypeHasARecordedCase() {
        assertThat(typeCases().map(TypeCase::type)).containsExactlyInAnyOrder(PostingType.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeCases")
    void eachPostingTypeIsRecordedAsItsEvent(TypeCase c) {
        List<Object> given = c.given().apply(LedgerHistory.profiled()).events();
        PostingInput in = c.input().build();
        Recording recording = recordingOf(c.input());

        Run run = run(given, record(c.input()));
        run.then()
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(payload -> c.eventType().isInstance(payload)
                                && ((PostingRecorded) payload).posting().equals(c.expected())
                                && ((PostingRecorded) payload).recording().equals(recording)
                                && ((PostingRecorded) payload).contentHash().equals(PostingContent.hash(in))),
                        Matchers.andNoMore())));

        assertThat(run.events()).hasSize(1);
        EventMessage<?> event = run.events().get(0);
        assertRecorded(run.outcomes().get(0), in, event, given.size());
        assertThat(event.getPayload()).isExactlyInstanceOf(c.eventType());
        PostingRecorded recorded = (PostingRecorded) event.getPayload();
        assertThat(recorded.posting()).isEqualTo(c.expected());
        assertThat(recorded.recording()).isEqualTo(recording);
        assertThat(recorded.contentHash()).isEqualTo(PostingContent.hash(in));
        if (recorded instanceof PostingReversed reversed) {
            assertThat(reversed.reversedPostingId()).isEqualTo("A-1");
            assertThat(reversed.reversedType()).isEqualTo(PostingType.APPROPRIATION);
            assertThat(reversed.reversedFundSource()).isEqualTo(FundSource.GENERAL_BUDGET);
            assertThat(reversed.reversedAmount()).isEqualTo(Money.parse("1000.00"));
        }
    }

    @Test
    void anAppropriationIsRecordedExactlyAsExpected() {
        PostingInputs in = appropriation("A-1", "1000.00");
        fixture.given(LedgerHistory.profiled().events())
                .when(record(in))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AppropriationRecorded(
                        posting(
                                "A-1",
                                PostingType.APPROPRIATION,
                                FundSource.GENERAL_BUDGET,
                                "2013701",
                                null,
                                null,
                                null,
                                "1000.00",
                                null,
                                null,
                                null),
                        PostingContent.hash(in.build()),
                        recordingOf(in)));
    }

    // ---- idempotency ------------------------------------------------------------------------------------------------

    @Nested
    class Idempotency {

        @Test
        void theSamePostingAgainIsADuplicate() {
            LedgerHistory h = LedgerHistory.profiled().post(appropriation("A-1", "12.50"));
            Run run = run(h.events(), record(appropriation("A-1", "12.50")));
            run.then().expectNoEvents();
            assertThat(run.outcomes()).containsExactly(PostingOutcome.duplicate("A-1"));
        }

        @Test
        void amountsCompareAsNumbers() {
            LedgerHistory h = LedgerHistory.profiled().post(appropriation("A-1", "12.50"));
            Run run = run(h.events(), record(appropriation("A-1", "12.5")));
            run.then().expectNoEvents();
            assertThat(run.outcomes()).containsExactly(PostingOutcome.duplicate("A-1"));

            LedgerHistory h2 = LedgerHistory.profiled().post(appropriation("A-2", "12"));
            Run run2 = run(h2.events(), record(appropriation("A-2", "12.00")));
            assertThat(run2.outcomes()).containsExactly(PostingOutcome.duplicate("A-2"));
        }

        @Test
        void aDifferentAmountUnderTheSameIdIsAConflict() {
            LedgerHistory h = LedgerHistory.profiled().post(appropriation("A-1", "12.50"));
            Run run = run(h.events(), record(appropriation("A-1", "12.51")));
            run.then().expectNoEvents();
            assertConflict(run.outcomes().get(0), "A-1");
        }

        @Test
        void aDifferentDescriptionUnderTheSameIdIsAConflict() {
            LedgerHistory h =
                    LedgerHistory.profiled().post(appropriation("A-1", "12.50").description("一月"));
            Run run = run(h.events(), record(appropriation("A-1", "12.50").description("二月")));
            run.then().expectNoEvents();
            assertConflict(run.outcomes().get(0), "A-1");
        }

        @Test
        void aKnownIdIsADuplicateOrConflictWhateverElseItCarries() {
            // idempotency is decided before the ledger state and the stateless rules
            LedgerHistory h =
                    LedgerHistory.profiled().post(appropriation("A-1", "12.50")).closed();
            Run run = run(h.events(), record(appropriation("A-1", "12.50"), appropriation("A-1", "99.00")));
            run.then().expectNoEvents();
            assertThat(run.outcomes().get(0)).isEqualTo(PostingOutcome.duplicate("A-1"));
            assertConflict(run.outcomes().get(1), "A-1");
        }

        @Test
        void theSameIdFromAnotherSourceSystemIsAnotherPosting() {
            LedgerHistory h = LedgerHistory.profiled().post(appropriation("A-1", "12.50"));
            PostingInputs other = appropriation("A-1", "12.50").sourceSystem("bank-feed");
            Run run = run(h.events(), record(other));
            assertRecorded(run.outcomes().get(0), other.build(), run.events().get(0), 2);
        }

        @Test
        void aReversalSentAgainIsADuplicate() {
            LedgerHistory h = LedgerHistory.profiled().post(appropriation("A-1", "12.50"), reversal("R-1", "A-1"));
            Run run = run(h.events(), record(reversal("R-1", "A-1"), appropriation("A-1", "12.50")));
            run.then().expectNoEvents();
            assertThat(run.outcomes())
                    .containsExactly(PostingOutcome.duplicate("R-1"), PostingOutcome.duplicate("A-1"));
        }

        @Test
        void aRejectedPostingIsNotRememberedAndMayBeSentAgain() {
            Run run = run(
                    LedgerHistory.profiled().events(),
                    record(expenditure("E-1", "60.00"), appropriation("A-1", "100.00"), expenditure("E-1", "60.00")));
            assertThat(run.outcomes().get(0).violation().error()).isEqualTo(INSUFFICIENT_FUNDS.code());
            assertThat(run.outcomes().get(1).status()).isEqualTo(RECORDED);
            assertThat(run.outcomes().get(2).status()).isEqualTo(RECORDED);
            assertThat(run.events()).hasSize(2);
        }

        @Test
        void anAbsentDescriptionDiffersFromANulCharacter() {
            LedgerHistory h = LedgerHistory.profiled().post(appropriation("A-1", "12.50"));
            Run run = run(h.events(), record(appropriation("A-1", "12.50").description("\u0000")));
            run.then().expectNoEvents();
            assertConflict(run.outcomes().get(0), "A-1");
        }

        @Test
        void noTextCanImitateAFieldBoundary() {
            // the content hash length-prefixes each field, so moving characters between fields changes it
            assertThat(PostingContent.hash(appropriation("A-1", "12.50")
                            .occurredOn("2019-03-15\u001fx")
                            .description("y")
                            .build()))
                    .isNotEqualTo(PostingContent.hash(appropriation("A-1", "12.50")
                            .description("x\u001fy")
                            .build()));
            assertThat(PostingContent.hash(
                            appropriation("A-1", "12.50").description("1:x").build()))
                    .isNotEqualTo(PostingContent.hash(
                            appropriation("A-1", "12.50").description("x").build()));
        }

        void assertConflict(PostingOutcome o, String postingId) {
            assertThat(o.status()).isEqualTo(CONFLICT);
            assertThat(o.postingId()).isEqualTo(postingId);
            assertThat(o.eventId()).isNull();
            assertThat(o.sequence()).isNull();
            assertThat(o.violation().error()).isEqualTo("conflict");
            assertThat(o.violation().field()).isEqualTo("postingId");
            assertThat(o.violation().message()).contains("postingId").contains(postingId);
        }
    }

    // ---- batches
    // ------------------------------------------------------------------------------------------------------

    @Test
    void aBatchIsDecidedInOrderEachOnTheStateThePreviousLeft() {
        PostingInputs a1 = appropriation("A-1", "100.00");
        PostingInputs e1 = expenditure("E-1", "60.00");
        PostingInputs a1Again = appropriation("A-1", "100");
        PostingInputs e2 = expenditure("E-2", "50.00");
        PostingInputs e1Changed = expenditure("E-1", "61.00");
        PostingInputs e3 = expenditure("E-3", "40.00");
        PostingInputs r1 = reversal("R-1", "E-3");

        Run run = run(LedgerHistory.profiled().events(), record(a1, e1, a1Again, e2, e1Changed, e3, r1));

        run.then()
                .expectEvents(
                        new AppropriationRecorded(
                                posting(
                                        "A-1",
                                        PostingType.APPROPRIATION,
                                        FundSource.GENERAL_BUDGET,
                                        "2013701",
                                        null,
                                        null,
                                        null,
                                        "100.00",
                                        null,
                                        null,
                                        null),
                                PostingContent.hash(a1.build()),
                                recordingOf(a1)),
                        new ExpenditureRecorded(
                                posting(
                                        "E-1",
                                        PostingType.EXPENDITURE,
                                        FundSource.GENERAL_BUDGET,
                                        "2013701",
                                        "30101",
                                        ExpenditureKind.BASIC,
                                        null,
                                        "60.00",
                                        null,
                                        null,
                                        null),
                                PostingContent.hash(e1.build()),
                                recordingOf(e1)),
                        new ExpenditureRecorded(
                                posting(
                                        "E-3",
                                        PostingType.EXPENDITURE,
                                        FundSource.GENERAL_BUDGET,
                                        "2013701",
                                        "30101",
                                        ExpenditureKind.BASIC,
                                        null,
                                        "40.00",
                                        null,
                                        null,
                                        null),
                                PostingContent.hash(e3.build()),
                                recordingOf(e3)),
                        new PostingReversed(
                                new Posting(
                                        "R-1",
                                        SOURCE,
                                        UNIT,
                                        YEAR,
                                        PostingType.REVERSAL,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "E-3",
                                        "posted twice by mistake"),
                                PostingContent.hash(r1.build()),
                                "E-3",
                                PostingType.EXPENDITURE,
                                FundSource.GENERAL_BUDGET,
                                Money.parse("40.00"),
                                recordingOf(r1)));

        List<PostingOutcome> o = run.outcomes();
        assertRecorded(o.get(0), a1.build(), run.events().get(0), 1);
        assertRecorded(o.get(1), e1.build(), run.events().get(1), 2);
        assertThat(o.get(2)).isEqualTo(PostingOutcome.duplicate("A-1"));
        assertRejected(o.get(3), e2.build(), INSUFFICIENT_FUNDS, "amount");
        assertThat(o.get(3).violation().message()).contains("40.00");
        assertThat(o.get(4).status()).isEqualTo(CONFLICT);
        assertRecorded(o.get(5), e3.build(), run.events().get(2), 3);
        assertRecorded(o.get(6), r1.build(), run.events().get(3), 4);
        assertThat(run.events())
                .extracting(e -> (Object) e.getPayload().getClass())
                .containsExactly(
                        AppropriationRecorded.class,
                        ExpenditureRecorded.class,
                        ExpenditureRecorded.class,
                        PostingReversed.class);
        assertThat(run.events())
                .extracting(e -> ((LedgerEvent) e.getPayload()).recording().correlationId())
                .containsExactly("corr-A-1", "corr-E-1", "corr-E-3", "corr-R-1");
    }

    @Test
    void aSpendingBeforeTheMoneyArrivesInTheSameBatchIsRejected() {
        Run run = run(
                LedgerHistory.profiled().events(), record(expenditure("E-1", "60.00"), appropriation("A-1", "100.00")));
        assertRejected(run.outcomes().get(0), expenditure("E-1", "60.00").build(), INSUFFICIENT_FUNDS, "amount");
        assertThat(run.outcomes().get(1).status()).isEqualTo(RECORDED);
        assertThat(run.outcomes().get(1).sequence()).isEqualTo(1L);
        assertThat(run.events()).hasSize(1);
    }

    @Test
    void aDuplicateInsideTheSameBatchIsRecordedOnce() {
        Run run = run(
                LedgerHistory.profiled().events(),
                record(appropriation("A-1", "7.00"), appropriation("A-1", "7.0"), appropriation("A-1", "7.01")));
        assertThat(run.outcomes()).extracting(PostingOutcome::status).containsExactly(RECORDED, DUPLICATE, CONFLICT);
        assertThat(run.events()).hasSize(1);
    }

    @Test
    void aBatchSpanningTheLedgersAvailabilityPerFundSource() {
        // availability is per fund source: general budget money does not pay an operating expenditure
        Run run = run(
                LedgerHistory.profiled().events(),
                record(
                        appropriation("A-1", "100.00"),
                        expenditure("E-1", "10.00").fundSource("OPERATING").expenditureKind("BUSINESS"),
                        income("I-1", "10.00"),
                        expenditure("E-2", "10.00").fundSource("OPERATING").expenditureKind("BUSINESS")));
        assertThat(run.outcomes())
                .extracting(PostingOutcome::status)
                .containsExactly(RECORDED, REJECTED, RECORDED, RECORDED);
        assertThat(run.outcomes()).extracting(PostingOutcome::sequence).containsExactly(1L, null, 2L, 3L);
    }

    @Test
    void reversalsMoveAvailabilityBackBothWays() {
        LedgerHistory h = LedgerHistory.profiled()
                .post(appropriation("A-1", "100.00"), expenditure("E-1", "100.00"), budget("B-1", "1.00"));
        Run run = run(
                h.events(),
                record(
                        expenditure("E-2", "0.01"), // nothing left
                        reversal("R-1", "E-1"), // the expenditure is undone: 100.00 available again
                        expenditure("E-2", "0.01"), // rejected before, recorded now
                        reversal("R-2", "B-1"), // a budget has no effect on availability
                        reversal("R-3", "A-1"))); // 99.99 left cannot give back 100.00
        assertThat(run.outcomes())
                .extracting(PostingOutcome::status)
                .containsExactly(REJECTED, RECORDED, RECORDED, RECORDED, REJECTED);
        assertThat(run.outcomes().get(4).violation().error()).isEqualTo(REVERSAL_OVERDRAWS.code());
        assertThat(run.events()).hasSize(3);
    }

    @Test
    void anEmptyBatchRecordsNothing() {
        Run run = run(LedgerHistory.profiled().events(), record());
        run.then().expectNoEvents();
        assertThat(run.outcomes()).isEmpty();
    }

    // ---- year close -------------------------------------------------------------------------------------------------

    @Test
    void noPostingAfterCloseYear() {
        fixture.givenCommands(
                        new Commands.ProfileUnit(LEDGER, PROFILE, LedgerHistory.GIVEN),
                        new Commands.CloseYear(LEDGER, CLOSE))
                .when(record(appropriation("A-1", "100.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> {
                    PostingOutcome o = ((List<?>) result)
                            .stream()
                                    .map(PostingOutcome.class::cast)
                                    .findFirst()
                                    .orElseThrow();
                    return o.status() == REJECTED
                            && o.violation().error().equals(YEAR_CLOSED.code())
                            && o.violation().field().equals("fiscalYear");
                }));
    }

    /** A ledger exercising every kind of closing balance. */
    static LedgerHistory yearToClose() {
        return LedgerHistory.profiled()
                .post(
                        appropriation("A-1", "1000.00"), // GB|2013701|-   +1000
                        expenditure("E-1", "300.00"), // GB|2013701|BASIC -300
                        openingBalance("O-1", "200.00").expenditureKind("PROJECT"), // GB|2013701|PROJECT +200
                        openingBalance("O-2", "500.00")
                                .functionalCode("2060199")
                                .expenditureKind("BASIC"),
                        expenditure("E-3", "100.00").functionalCode("2060199"), // GB|2060199|BASIC 400
                        income("I-1", "100.00"), // OPERATING|2013701|- +100
                        expenditure("E-2", "80.00")
                                .fundSource("OPERATING")
                                .functionalCode("2060199")
                                .economicCode("30201")
                                .expenditureKind("BUSINESS"), // OPERATING|2060199|BUSINESS -80
                        budget("B-1", "5000.00"), // no effect
                        procurement("PR-1", "900.00"), // no effect
                        appropriation("A-2", "50.00")
                                .fundSource("GOVERNMENT_FUND")
                                .functionalCode("2060199"),
                        reversal("R-1", "A-2"), // GOVERNMENT_FUND back to 0
                        fundOffset("F-1", "40.00").fundSource("BUSINESS"),
                        surplusDistribution("S-1", "40.00").fundSource("BUSINESS")); // BUSINESS back to 0
    }

    static final List<YearClosed.ClosingBalance> CLOSING = List.of(
            new YearClosed.ClosingBalance(
                    FundSource.GENERAL_BUDGET,
                    "2013701",
                    ExpenditureKind.PROJECT,
                    Money.parse("200.00"),
                    "CLOSE-HT-CAC-2019-0001"),
            new YearClosed.ClosingBalance(
                    FundSource.GENERAL_BUDGET, "2013701", null, Money.parse("700.00"), "CLOSE-HT-CAC-2019-0002"),
            new YearClosed.ClosingBalance(
                    FundSource.GENERAL_BUDGET,
                    "2060199",
                    ExpenditureKind.BASIC,
                    Money.parse("400.00"),
                    "CLOSE-HT-CAC-2019-0003"),
            new YearClosed.ClosingBalance(
                    FundSource.OPERATING, "2013701", null, Money.parse("100.00"), "CLOSE-HT-CAC-2019-0004"),
            new YearClosed.ClosingBalance(FundSource.OPERATING, "2060199", null, Money.parse("-80.00"), null));

    @Test
    void closeYearCarriesTheBalancesPerFundSourceCodeAndKind() {
        YearClosed expected = new YearClosed(UNIT, YEAR, CLOSING, CLOSE);
        fixture.given(yearToClose().events())
                .when(new Commands.CloseYear(LEDGER, CLOSE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(expected)
                .expectResultMessagePayload(new Commands.Closed(
                        expected, yearToClose().add(expected).chainHead()));
    }

    @Test
    void closingBalancesSumToWhatEachFundSourceHasAvailable() {
        LedgerState state = yearToClose().state();
        for (FundSource fs : FundSource.values()) {
            long sum = CLOSING.stream()
                    .filter(b -> b.fundSource() == fs)
                    .mapToLong(b -> b.amount().fen())
                    .sum();
            assertThat(Money.ofFen(sum)).as("%s", fs).isEqualTo(state.available(fs));
        }
        assertThat(state.closingBalances())
                .extracting(YearClosed.ClosingBalance::openingPostingId)
                .containsOnlyNulls();
    }

    @Test
    void openingPostingIdsAreValidPostingIds() {
        assertThat(CLOSING)
                .extracting(YearClosed.ClosingBalance::openingPostingId)
                .filteredOn(id -> id != null)
                .allSatisfy(id ->
                        assertThat(id).matches(PostingValidator.POSTING_ID).matches("CLOSE-HT-CAC-2019-\\d{4}"));
    }

    @Test
    void closingAnEmptyLedgerCarriesNothing() {
        YearClosed expected = new YearClosed(UNIT, YEAR, List.of(), CLOSE);
        fixture.given(LedgerHistory.profiled().events())
                .when(new Commands.CloseYear(LEDGER, CLOSE))
                .expectEvents(expected)
                .expectResultMessagePayload(new Commands.Closed(
                        expected, LedgerHistory.profiled().add(expected).chainHead()));
    }

    @Test
    void closingTwiceAnswersTheFirstCloseAndRecordsNothing() {
        YearClosed first = new YearClosed(
                UNIT, YEAR, CLOSING, new Recording(LedgerHistory.EARLIER, "corr-first", "close:" + LEDGER, "test"));
        fixture.given(yearToClose().add(first).events())
                .when(new Commands.CloseYear(LEDGER, CLOSE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(
                        new Commands.Closed(first, yearToClose().add(first).chainHead()));
    }

    @Test
    void closingTwiceThroughCommands() {
        Capture<Object> firstResult = Capture.capture();
        fixture.givenCommands(
                        new Commands.ProfileUnit(LEDGER, PROFILE, LedgerHistory.GIVEN),
                        record(appropriation("A-1", "10.00")),
                        new Commands.CloseYear(LEDGER, LedgerHistory.GIVEN))
                .when(new Commands.CloseYear(LEDGER, CLOSE))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(firstResult);
        YearClosed answered = ((Commands.Closed) firstResult.value()).event();
        assertThat(answered.recording()).isEqualTo(LedgerHistory.GIVEN);
        assertThat(answered.closingBalances())
                .containsExactly(new YearClosed.ClosingBalance(
                        FundSource.GENERAL_BUDGET, "2013701", null, Money.parse("10.00"), "CLOSE-HT-CAC-2019-0001"));
    }

    // ---- unit profile -------------------------------------------------------------------------------------------

    static final Recording PUT = new Recording(NOW, "corr-put", "rest", "test");
    static final UnitProfile OTHER_PROFILE = new UnitProfile(
            "荷塘区委网信办", UnitKind.CIVIL_SERVICE_MANAGED, "HT-PARTY", "湖南省株洲市荷塘区", new Staffing(4, 3, 3, 0, 1), null);

    @Test
    void profileCreated() {
        fixture.givenNoPriorActivity()
                .when(new Commands.ProfileUnit(LEDGER, PROFILE, PUT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UnitProfiled(UNIT, YEAR, PROFILE, PUT))
                .expectResultMessagePayload(ProfileOutcome.CREATED);
    }

    @Test
    void profileReplaced() {
        fixture.given(LedgerHistory.profiled()
                        .post(appropriation("A-1", "10.00"))
                        .events())
                .when(new Commands.ProfileUnit(LEDGER, OTHER_PROFILE, PUT))
                .expectEvents(new UnitProfiled(UNIT, YEAR, OTHER_PROFILE, PUT))
                .expectResultMessagePayload(ProfileOutcome.REPLACED);
    }

    @Test
    void profileUnchanged() {
        fixture.given(LedgerHistory.profiled().events())
                .when(new Commands.ProfileUnit(LEDGER, PROFILE, PUT))
                .expectNoEvents()
                .expectResultMessagePayload(ProfileOutcome.UNCHANGED);
    }

    @Test
    void profileOfAClosedYear() {
        fixture.given(LedgerHistory.profiled().closed().events())
                .when(new Commands.ProfileUnit(LEDGER, OTHER_PROFILE, PUT))
                .expectNoEvents()
                .expectResultMessagePayload(ProfileOutcome.YEAR_CLOSED);
    }

    @Test
    void aReplacedProfileKeepsThePostings() {
        List<Object> given =
                LedgerHistory.profiled().post(appropriation("A-1", "10.00")).events();
        fixture.given(given)
                .when(new Commands.ProfileUnit(LEDGER, OTHER_PROFILE, PUT))
                .expectEvents(new UnitProfiled(UNIT, YEAR, OTHER_PROFILE, PUT));
        List<Object> after = new ArrayList<>(given);
        after.add(new UnitProfiled(UNIT, YEAR, OTHER_PROFILE, PUT));
        assertThat(replayed(after).summary())
                .matches(
                        summaryIgnoringChain(new Commands.LedgerSummary(
                                LEDGER,
                                3,
                                1,
                                false,
                                Map.of(FundSource.GENERAL_BUDGET, Money.parse("10.00")),
                                null,
                                null))::matches);
    }

    // ---- narrative ------------------------------------------------------------------------------------------------

    @Test
    void narrativeRecordedWhileOpenOnly() {
        Map<String, String> sections = Map.of("performance", "完成了年度目标");
        fixture.given(LedgerHistory.profiled().events())
                .when(new Commands.RecordNarrative(LEDGER, sections, PUT))
                .expectEvents(new NarrativeRecorded(UNIT, YEAR, sections, PUT))
                .expectResultMessagePayload(true);
        fixture.given(LedgerHistory.profiled().closed().events())
                .when(new Commands.RecordNarrative(LEDGER, sections, PUT))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    // ---- publications --------------------------------------------------------------------------------------------

    @Test
    void aPublicationIsRecordedOpenOrClosedAtPositionsTheLedgerHolds() {
        String digest = "ab".repeat(32);
        Map<String, Long> positions = Map.of(LEDGER, 2L);
        fixture.given(LedgerHistory.profiled().closed().events())
                .when(new Commands.RecordPublication(LEDGER, "pub-1", positions, digest, 3, "公开", PUT))
                .expectEvents(new PublicationRecorded(UNIT, YEAR, "pub-1", positions, digest, 3, "公开", PUT))
                .expectResultMessagePayload(new Commands.Published("pub-1", 2, PUT.recordedAt()));
        fixture.given(LedgerHistory.profiled().events())
                .when(new Commands.RecordPublication(LEDGER, "pub-2", Map.of(LEDGER, 2L), digest, 0, null, PUT))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    // ---- imported figures ----------------------------------------------------------------------------------------

    private static final FiguresImported.Source FILE =
            new FiguresImported.Source("2019.xlsx", "ab".repeat(32), "xlsx", List.of("01"));
    private static final Map<String, Long> CELLS = Map.of("01/income.total/amount", 307_400_000L);

    @Test
    void publishedFiguresAreImportedIntoAYearWithoutPostings() {
        fixture.given(LedgerHistory.profiled().events())
                .when(new Commands.ImportFigures(LEDGER, CELLS, FILE, PUT))
                .expectEvents(new FiguresImported(UNIT, YEAR, CELLS, FILE, PUT))
                .expectResultMessagePayload(Commands.ImportOutcome.IMPORTED);
        fixture.given(LedgerHistory.profiled()
                        .add(new FiguresImported(UNIT, YEAR, CELLS, FILE, PUT))
                        .events())
                .when(new Commands.ImportFigures(LEDGER, CELLS, FILE, PUT))
                .expectNoEvents()
                .expectResultMessagePayload(Commands.ImportOutcome.UNCHANGED);
    }

    @Test
    void aFileOfSomeTablesReplacesTheirFiguresAndKeepsTheOthers() {
        FiguresImported.Source table02 = new FiguresImported.Source("02.csv", "cd".repeat(32), "csv", List.of("02"));
        Map<String, Long> merged = Map.of("01/income.total/amount", 307_400_000L, "02/total/total", 307_400_000L);
        fixture.given(LedgerHistory.profiled()
                        .add(new FiguresImported(UNIT, YEAR, CELLS, FILE, PUT))
                        .events())
                .when(new Commands.ImportFigures(LEDGER, Map.of("02/total/total", 307_400_000L), table02, PUT))
                .expectEvents(new FiguresImported(UNIT, YEAR, merged, table02, PUT));
    }

    /** Closing an imported year carries the balances its tables give per 项, and lists those given only as totals. */
    @Test
    void closingAnImportedYearOffersThePublishedClosingBalances() {
        Map<String, Long> cells = Map.of(
                "01/expenditure.closing_balance/amount",
                10_000_000L,
                "04/expenditure.closing_balance/general_budget",
                5_000_000L,
                "04/expenditure.closing_balance/government_fund",
                3_000_000L,
                "08/2296003/closing_balance",
                3_000_000L);
        String unit = UNIT;
        fixture.given(LedgerHistory.profiled()
                        .add(new FiguresImported(UNIT, YEAR, cells, FILE, PUT))
                        .events())
                .when(new Commands.CloseYear(LEDGER, PUT))
                .expectEvents(new YearClosed(
                        UNIT,
                        YEAR,
                        List.of(
                                new YearClosed.ClosingBalance(
                                        FundSource.GENERAL_BUDGET, null, null, Money.parse("50000.00"), null),
                                new YearClosed.ClosingBalance(
                                        FundSource.GOVERNMENT_FUND,
                                        "2296003",
                                        null,
                                        Money.parse("30000.00"),
                                        "CLOSE-" + unit + "-" + YEAR + "-0001"),
                                new YearClosed.ClosingBalance(
                                        FundSource.OTHER, null, null, Money.parse("20000.00"), null)),
                        PUT));
    }

    @Test
    void aYearHoldsPostingsOrImportedFiguresNeverBoth() {
        fixture.given(LedgerHistory.profiled()
                        .post(appropriation("A-1", "10.00"))
                        .events())
                .when(new Commands.ImportFigures(LEDGER, CELLS, FILE, PUT))
                .expectNoEvents()
                .expectResultMessagePayload(Commands.ImportOutcome.HOLDS_POSTINGS);
        fixture.given(LedgerHistory.profiled().closed().events())
                .when(new Commands.ImportFigures(LEDGER, CELLS, FILE, PUT))
                .expectNoEvents()
                .expectResultMessagePayload(Commands.ImportOutcome.YEAR_CLOSED);
        Run run = run(
                LedgerHistory.profiled()
                        .add(new FiguresImported(UNIT, YEAR, CELLS, FILE, PUT))
                        .events(),
                record(appropriation("A-1", "10.00")));
        assertThat(run.events()).isEmpty();
        assertThat(run.outcomes().get(0).status()).isEqualTo(PostingOutcome.Status.CONFLICT);
        assertThat(run.outcomes().get(0).violation().error()).isEqualTo("year.imported");
    }

    // ---- queries --------------------------------------------------------------------------------------------------

    // Queries are no commands: they ask the ledger that its events rebuild (LedgerReader loads it the same way).

    @Test
    void holds() {
        Ledger ledger = replayed(LedgerHistory.profiled()
                .post(appropriation("A-1", "10.00"), reversal("R-1", "A-1"))
                .events());
        assertThat(ledger.holds(SOURCE, "A-1")).isTrue();
        assertThat(ledger.holds(SOURCE, "R-1")).isTrue();
        assertThat(ledger.holds(SOURCE, "A-2")).isFalse();
        assertThat(ledger.holds("bank-feed", "A-1")).isFalse();
    }

    @Test
    void aRejectedPostingIsNotHeld() {
        fixture.givenCommands(new Commands.ProfileUnit(LEDGER, PROFILE, PUT))
                .when(record(expenditure("E-1", "10.00")))
                .expectNoEvents();
        assertThat(replayed(LedgerHistory.profiled().events()).holds(SOURCE, "E-1"))
                .isFalse();
    }

    @Test
    void describeLedger() {
        // 0 UnitProfiled, 1 A-1, 2 E-1, 3 I-1, 4 B-1 (no effect), 5 R-1 (reverses E-1)
        List<Object> given = LedgerHistory.profiled()
                .post(
                        appropriation("A-1", "100.00"),
                        expenditure("E-1", "30.00"),
                        income("I-1", "5.00"),
                        budget("B-1", "999.00"),
                        reversal("R-1", "E-1"))
                .events();
        assertThat(replayed(given).summary())
                .matches(summaryIgnoringChain(new Commands.LedgerSummary(
                        LEDGER,
                        6,
                        5,
                        false,
                        Map.of(
                                FundSource.GENERAL_BUDGET,
                                Money.parse("100.00"),
                                FundSource.OPERATING,
                                Money.parse("5.00")),
                        null,
                        null))::matches);
        assertThat(replayed(LedgerHistory.profiled().closed().events()).summary())
                .matches(
                        summaryIgnoringChain(new Commands.LedgerSummary(LEDGER, 2, 0, true, Map.of(), null, null))
                                ::matches);
    }

    @Test
    void theOutcomeSequenceIsTheEventsSequenceAfterAProfileReplacementAndNarrative() {
        // non-posting events count too: sequence numbers are gap-free over the whole stream
        List<Object> given = LedgerHistory.profiled()
                .add(new UnitProfiled(UNIT, YEAR, OTHER_PROFILE, PUT))
                .add(new NarrativeRecorded(UNIT, YEAR, Map.of("other", "无"), PUT))
                .events();
        PostingInputs a1 = appropriation("A-1", "1.00");
        Run run = run(given, record(a1));
        assertRecorded(run.outcomes().get(0), a1.build(), run.events().get(0), 3);
    }

    /** A ledger summary as expected, with whatever chain head the events produced (checked in EventChainTest). */
    /** The ledger its events rebuild, as a load from the store does. */
    private static Ledger replayed(List<Object> events) {
        Ledger ledger = new Ledger();
        int n = 0;
        for (Object e : events) {
            ledger.on((LedgerEvent) e, "evt-" + n++, null);
        }
        return ledger;
    }

    static org.hamcrest.Matcher<Object> summaryIgnoringChain(Commands.LedgerSummary expected) {
        return Matchers.predicate(actual -> actual instanceof Commands.LedgerSummary s
                && new Commands.LedgerSummary(
                                s.ledgerId(),
                                s.nextSequence(),
                                s.postings(),
                                s.closed(),
                                s.available(),
                                null,
                                s.imported())
                        .equals(expected)
                && s.chainHead().matches("[0-9a-f]{64}"));
    }
}
