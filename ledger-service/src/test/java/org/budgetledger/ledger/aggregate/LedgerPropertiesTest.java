package org.budgetledger.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.ledger.posting.domain.PostingInputs.UNIT;
import static org.budgetledger.ledger.posting.domain.PostingInputs.YEAR;
import static org.budgetledger.ledger.posting.domain.PostingOutcome.Status.DUPLICATE;
import static org.budgetledger.ledger.posting.domain.PostingOutcome.Status.RECORDED;
import static org.budgetledger.ledger.posting.domain.PostingOutcome.Status.REJECTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.posting.domain.PostingDecider;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingInputs;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.posting.domain.PostingRule;
import org.budgetledger.ledger.posting.domain.TestCatalogues;
import org.budgetledger.ledger.state.LedgerState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of random posting streams over a {@link LedgerState} and {@link PostingDecider} (pure: decide, and
 * evolve with the event when one results), checked against a straightforward recomputation.
 */
class LedgerPropertiesTest {

    static final Recording REC = new Recording(Instant.parse("2020-01-10T09:30:00Z"), "corr-prop", "test", "test");
    static final ObjectMapper MAPPER = Json.newMapper();

    static final FundSource[] SOURCES = {
        FundSource.GENERAL_BUDGET,
        FundSource.GOVERNMENT_FUND,
        FundSource.OPERATING,
        FundSource.BUSINESS,
        FundSource.STATE_CAPITAL,
        FundSource.OTHER
    };
    static final String[] CODES = {"2013701", "2060199", "2010101"};
    static final String[] ECONOMIC = {"30101", "30201", "31002"};
    static final String[] SYSTEMS = {"s1", "s2"};

    // ---- generation -----------------------------------------------------------------------------------------------

    /**
     * One step of a stream. {@code kindOf}: 0-1 APPROPRIATION, 2 INCOME, 3-5 EXPENDITURE, 6 OPENING_BALANCE, 7 BUDGET,
     * 8 PROCUREMENT, 9 FUND_OFFSET, 10 SURPLUS_DISTRIBUTION, 11-12 REVERSAL of an earlier posting, 13 an earlier posting
     * sent again.
     */
    record Step(int kindOf, int source, int code, int kind, long fen, int pick, int system) {}

    /**
     * Streams come from a seeded generator: every run checks the same 200 streams, and a failure names the seed
     * that reproduces it.
     */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    static Step step(Random r) {
        return new Step(
                r.nextInt(14),
                r.nextInt(SOURCES.length),
                r.nextInt(CODES.length),
                r.nextInt(5),
                1 + (long) r.nextInt(50_000),
                r.nextInt(1001),
                r.nextInt(2));
    }

    static List<Step> stream(Random r) {
        int size = r.nextInt(61);
        List<Step> steps = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            steps.add(step(r));
        }
        return steps;
    }

    /** Turns steps into inputs; earlier inputs are known to make reversals and resends. */
    static final class Inputs {
        final List<PostingInput> sent = new ArrayList<>();
        private final String prefix;

        Inputs(String prefix) {
            this.prefix = prefix;
        }

        PostingInput next(Step s) {
            int index = sent.size();
            String id = prefix + index;
            String system = SYSTEMS[s.system()];
            PostingInput in;
            if (s.kindOf() >= 11 && !sent.isEmpty()) {
                PostingInput earlier = sent.get(s.pick() % sent.size());
                in = s.kindOf() == 13
                        ? earlier
                        : PostingInputs.reversal(id, earlier.postingId())
                                .sourceSystem(earlier.sourceSystem())
                                .build();
            } else {
                in = movement(id, system, s);
            }
            sent.add(in);
            return in;
        }

        private static PostingInput movement(String id, String system, Step s) {
            PostingType type = switch (s.kindOf() % 11) {
                case 0, 1 -> PostingType.APPROPRIATION;
                case 2 -> PostingType.INCOME;
                case 3, 4, 5 -> PostingType.EXPENDITURE;
                case 6 -> PostingType.OPENING_BALANCE;
                case 7 -> PostingType.BUDGET;
                case 8 -> PostingType.PROCUREMENT;
                case 9 -> PostingType.FUND_OFFSET;
                default -> PostingType.SURPLUS_DISTRIBUTION;
            };
            FundSource fs = SOURCES[s.source()];
            if (type == PostingType.APPROPRIATION && !fs.fiscal()) {
                fs = s.source() % 2 == 0 ? FundSource.GENERAL_BUDGET : FundSource.GOVERNMENT_FUND;
            }
            if ((type == PostingType.INCOME
                            || type == PostingType.FUND_OFFSET
                            || type == PostingType.SURPLUS_DISTRIBUTION)
                    && fs.fiscal()) {
                fs = s.source() % 2 == 0 ? FundSource.OPERATING : FundSource.BUSINESS;
            }
            PostingInputs b = switch (type) {
                case APPROPRIATION -> PostingInputs.appropriation(id, null);
                case INCOME -> PostingInputs.income(id, null);
                case EXPENDITURE -> PostingInputs.expenditure(id, null).economicCode(ECONOMIC[s.code()]);
                case OPENING_BALANCE -> PostingInputs.openingBalance(id, null);
                case BUDGET -> PostingInputs.budget(id, null).stage(s.kind() % 2 == 0 ? "INITIAL" : "INCREASE");
                case PROCUREMENT -> PostingInputs.procurement(id, null);
                case FUND_OFFSET -> PostingInputs.fundOffset(id, null);
                default -> PostingInputs.surplusDistribution(id, null);
            };
            b.sourceSystem(system)
                    .fundSource(fs.name())
                    .functionalCode(CODES[s.code()])
                    .amount(Money.ofFen(s.fen()).toString());
            if (type == PostingType.EXPENDITURE) {
                ExpenditureKind kind = fs.fiscal()
                        ? (s.kind() % 2 == 0 ? ExpenditureKind.BASIC : ExpenditureKind.PROJECT)
                        : ExpenditureKind.values()[s.kind()];
                b.expenditureKind(kind.name());
            }
            if (type == PostingType.OPENING_BALANCE) {
                b.expenditureKind(
                        switch (s.kind() % 3) {
                            case 0 -> null;
                            case 1 -> "BASIC";
                            default -> "PROJECT";
                        });
            }
            return b.build();
        }
    }

    // ---- the reference: a straightforward recomputation ---------------------------------------------------------

    /** Every accepted posting, in order, and which are reversed. */
    static final class Model {
        final Map<String, PostingInput> accepted = new LinkedHashMap<>();
        final Set<String> reversed = new HashSet<>();

        static String key(String system, String id) {
            return system + "/" + id;
        }

        static PostingType type(PostingInput in) {
            return PostingType.valueOf(in.type());
        }

        long available(FundSource fs) {
            long sum = 0;
            for (Map.Entry<String, PostingInput> e : accepted.entrySet()) {
                PostingInput in = e.getValue();
                if (type(in) == PostingType.REVERSAL
                        || reversed.contains(e.getKey())
                        || !fs.name().equals(in.fundSource())) {
                    continue;
                }
                long fen = Money.parse(in.amount()).fen();
                switch (type(in)) {
                    case OPENING_BALANCE, APPROPRIATION, INCOME, FUND_OFFSET -> sum += fen;
                    case EXPENDITURE, SURPLUS_DISTRIBUTION -> sum -= fen;
                    default -> {}
                }
            }
            return sum;
        }

        /** What the ledger must answer, by the contract. */
        PostingOutcome.Status expectedStatus(PostingInput in, String[] rule) {
            String key = key(in.sourceSystem(), in.postingId());
            if (accepted.containsKey(key)) {
                return DUPLICATE; // the generator resends exact copies only
            }
            PostingType type = type(in);
            if (type == PostingType.REVERSAL) {
                String target = key(in.sourceSystem(), in.reverses());
                PostingInput t = accepted.get(target);
                if (t == null) {
                    rule[0] = PostingRule.REVERSES_UNKNOWN.code();
                } else if (type(t) == PostingType.REVERSAL) {
                    rule[0] = PostingRule.REVERSES_A_REVERSAL.code();
                } else if (reversed.contains(target)) {
                    rule[0] = PostingRule.REVERSES_ALREADY_REVERSED.code();
                } else if (type(t).availabilityEffect() > 0
                        && available(FundSource.valueOf(t.fundSource()))
                                < Money.parse(t.amount()).fen()) {
                    rule[0] = PostingRule.REVERSAL_OVERDRAWS.code();
                }
            } else if (type.availabilityEffect() < 0
                    && available(FundSource.valueOf(in.fundSource()))
                            < Money.parse(in.amount()).fen()) {
                rule[0] = PostingRule.INSUFFICIENT_FUNDS.code();
            }
            return rule[0] == null ? RECORDED : REJECTED;
        }

        void accept(PostingInput in) {
            accepted.put(key(in.sourceSystem(), in.postingId()), in);
            if (type(in) == PostingType.REVERSAL) {
                reversed.add(key(in.sourceSystem(), in.reverses()));
            }
        }
    }

    // ---- running a stream -------------------------------------------------------------------------------------------

    static LedgerState registered() {
        LedgerState state = new LedgerState();
        state.evolve(new UnitProfiled(UNIT, YEAR, LedgerHistory.PROFILE, REC));
        return state;
    }

    static PostingDecider.Decision decide(LedgerState state, PostingInput in) {
        return PostingDecider.decide(state, UNIT, YEAR, in, TestCatalogues.SHIPPED, REC);
    }

    /** The state after a stream, with the model and every event. */
    record Run(LedgerState state, Model model, Inputs inputs, List<LedgerEvent> events) {}

    static Run run(List<Step> steps) {
        LedgerState state = registered();
        Model model = new Model();
        Inputs inputs = new Inputs("P-");
        List<LedgerEvent> events = new ArrayList<>();
        for (Step s : steps) {
            PostingInput in = inputs.next(s);
            PostingDecider.Decision d = decide(state, in);
            if (d.event() != null) {
                state.evolve(d.event());
                model.accept(in);
                events.add(d.event());
            }
        }
        return new Run(state, model, inputs, events);
    }

    static void assertAvailabilityMatches(LedgerState state, Model model) {
        for (FundSource fs : FundSource.values()) {
            assertThat(state.available(fs).fen())
                    .as("available %s", fs)
                    .isEqualTo(model.available(fs))
                    .isNotNegative();
        }
    }

    // ---- (a) availability
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void availabilityNeverGoesNegativeAndEqualsTheRecomputation(long seed) {
        List<Step> steps = stream(new Random(seed));
        LedgerState state = registered();
        Model model = new Model();
        Inputs inputs = new Inputs("P-");
        for (Step s : steps) {
            PostingInput in = inputs.next(s);
            String[] rule = new String[1];
            PostingOutcome.Status expected = model.expectedStatus(in, rule);
            long sequence = state.nextSequence();
            PostingDecider.Decision d = decide(state, in);

            assertThat((d.event() == null) != (d.outcome() == null))
                    .as("exactly one of event and outcome")
                    .isTrue();
            PostingOutcome.Status actual =
                    d.event() != null ? RECORDED : d.outcome().status();
            assertThat(actual).as("status of %s", in).isEqualTo(expected);
            if (expected == REJECTED) {
                assertThat(d.outcome().violation().error())
                        .as("rule for %s", in)
                        .isEqualTo(rule[0]);
            }
            if (d.event() != null) {
                state.evolve(d.event());
                model.accept(in);
                assertThat(state.nextSequence()).isEqualTo(sequence + 1);
            } else {
                assertThat(state.nextSequence()).isEqualTo(sequence);
            }
            assertAvailabilityMatches(state, model);
        }
        assertThat(state.postingCount()).isEqualTo(model.accepted.size());
    }

    // ---- (b) a reversal cancels exactly
    // -------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aReversalCancelsItsPostingExactly(long seed) {
        Random random = new Random(seed);
        List<Step> history = stream(random);
        Step extra = step(random);
        Run run = run(history);
        LedgerState state = run.state();
        Map<FundSource, Money> availableBefore = availableOf(state);
        List<YearClosed.ClosingBalance> closingBefore = state.closingBalances();

        PostingInput p = run.inputs()
                .next(new Step(
                        extra.kindOf() % 11,
                        extra.source(),
                        extra.code(),
                        extra.kind(),
                        extra.fen(),
                        extra.pick(),
                        extra.system()));
        PostingDecider.Decision recorded = decide(state, p);
        if (recorded.event() == null) {
            assertThat(recorded.outcome().violation().error()).isEqualTo(PostingRule.INSUFFICIENT_FUNDS.code());
            return;
        }
        state.evolve(recorded.event());

        PostingInput r = PostingInputs.reversal("R-" + p.postingId(), p.postingId())
                .sourceSystem(p.sourceSystem())
                .build();
        PostingDecider.Decision reversal = decide(state, r);
        assertThat(reversal.event())
                .as("reversal right after its posting: %s", reversal.outcome())
                .isNotNull();
        state.evolve(reversal.event());

        assertThat(availableOf(state)).isEqualTo(availableBefore);
        assertThat(state.closingBalances()).isEqualTo(closingBefore);
    }

    static Map<FundSource, Money> availableOf(LedgerState state) {
        Map<FundSource, Money> result = new LinkedHashMap<>();
        for (FundSource fs : FundSource.values()) {
            result.put(fs, state.available(fs));
        }
        return result;
    }

    // ---- (c) closing balances add up --------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void closingBalancesPerFundSourceSumToItsAvailability(long seed) {
        List<Step> steps = stream(new Random(seed));
        LedgerState state = run(steps).state();
        List<YearClosed.ClosingBalance> closing = state.closingBalances();
        boolean anyNegative = closing.stream().anyMatch(b -> b.amount().isNegative());
        for (FundSource fs : FundSource.values()) {
            long sum = closing.stream()
                    .filter(b -> b.fundSource() == fs)
                    .mapToLong(b -> b.amount().fen())
                    .sum();
            if (!anyNegative) {
                assertThat(sum)
                        .as("closing balances of %s", fs)
                        .isEqualTo(state.available(fs).fen());
            }
            // a negative code balance is listed too, so the identity holds in every case (L01)
            assertThat(sum)
                    .as("closing balances of %s, negatives included", fs)
                    .isEqualTo(state.available(fs).fen());
        }
        Set<String> keys = new HashSet<>();
        for (YearClosed.ClosingBalance b : closing) {
            assertThat(b.amount().fen()).isNotZero();
            assertThat(b.openingPostingId()).isNull();
            assertThat(b.expenditureKind()).isIn(null, ExpenditureKind.BASIC, ExpenditureKind.PROJECT);
            if (b.amount().isNegative()) {
                assertThat(b.expenditureKind()).isNull();
            }
            assertThat(keys.add(b.fundSource() + "|" + b.functionalCode() + "|" + b.expenditureKind()))
                    .as("one line per fund source, code and kind: %s", b)
                    .isTrue();
        }
    }

    // ---- (d) idempotency
    // ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyAcceptedPostingSentAgainIsADuplicateAndChangesNothing(long seed) throws Exception {
        List<Step> steps = stream(new Random(seed));
        Run run = run(steps);
        LedgerState state = run.state();
        JsonNode before = MAPPER.valueToTree(state);
        List<YearClosed.ClosingBalance> closingBefore = state.closingBalances();
        for (PostingInput in : run.model().accepted.values()) {
            for (PostingInput again : List.of(in, withAmountRewritten(in))) {
                PostingDecider.Decision d = decide(state, again);
                assertThat(d.event()).isNull();
                assertThat(d.outcome()).isEqualTo(PostingOutcome.duplicate(in.postingId()));
            }
        }
        assertThat((JsonNode) MAPPER.valueToTree(state)).isEqualTo(before);
        assertThat(state.closingBalances()).isEqualTo(closingBefore);
        assertThat(state.nextSequence()).isEqualTo(1 + run.events().size());
    }

    /** The same amount written differently: "12.50" as "12.5", "12.00" as "12". */
    static PostingInput withAmountRewritten(PostingInput in) {
        if (in.amount() == null) {
            return in;
        }
        String a =
                in.amount().endsWith("0") ? in.amount().substring(0, in.amount().length() - 1) : in.amount();
        if (a.endsWith(".0")) {
            a = a.substring(0, a.length() - 2);
        } else if (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        return new PostingInput(
                in.postingId(),
                in.sourceSystem(),
                in.unitCode(),
                in.fiscalYear(),
                in.type(),
                in.fundSource(),
                in.functionalCode(),
                in.economicCode(),
                in.expenditureKind(),
                in.stage(),
                a,
                in.occurredOn(),
                in.description(),
                in.activity(),
                in.procurement(),
                in.reverses(),
                in.reason(),
                in.shapeViolations());
    }

    // ---- (e) snapshots
    // --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aSnapshotCopyDecidesEveryFurtherPostingIdentically(long seed) throws Exception {
        Random random = new Random(seed);
        List<Step> history = stream(random);
        List<Step> further = stream(random);
        Run run = run(history);
        LedgerState original = run.state();
        String json = MAPPER.writeValueAsString(original);
        LedgerState copy = MAPPER.readValue(json, LedgerState.class);

        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(copy))).isEqualTo(MAPPER.readTree(json));
        assertThat(copy.nextSequence()).isEqualTo(original.nextSequence());
        assertThat(copy.postingCount()).isEqualTo(original.postingCount());
        assertThat(copy.profile()).isEqualTo(original.profile());
        assertThat(copy.closed()).isEqualTo(original.closed());

        // continue the same stream: resends and reversals may name postings from before the snapshot
        for (Step s : further) {
            PostingInput in = run.inputs().next(s);
            PostingDecider.Decision a = decide(original, in);
            PostingDecider.Decision b = decide(copy, in);
            assertThat(b).as("decision on the copy for %s", in).isEqualTo(a);
            if (a.event() != null) {
                original.evolve(a.event());
                copy.evolve(b.event());
            }
        }
        assertThat(availableOf(copy)).isEqualTo(availableOf(original));
        assertThat(copy.closingBalances()).isEqualTo(original.closingBalances());
        assertThat(copy.nextSequence()).isEqualTo(original.nextSequence());
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(copy)))
                .isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(original)));
    }

    /** The aggregate as Axon snapshots it: JacksonSerializer with the contract's mapper. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theLedgerAggregateSurvivesItsSnapshot(long seed) throws Exception {
        Random random = new Random(seed);
        List<Step> steps = stream(random);
        boolean close = random.nextBoolean();
        Run run = run(steps);
        Ledger ledger = new Ledger();
        ledger.on(new UnitProfiled(UNIT, YEAR, LedgerHistory.PROFILE, REC), "evt-0", null);
        int n = 1;
        for (LedgerEvent e : run.events()) {
            ledger.on(e, "evt-" + n++, null);
        }
        if (close) {
            ledger.on(new YearClosed(UNIT, YEAR, run.state().closingBalances(), REC), "evt-" + n, null);
        }
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(Json.newMapper()).build();
        SerializedObject<String> snapshot = serializer.serialize(ledger, String.class);
        Ledger copy = serializer.deserialize(snapshot);

        assertThat(copy.summary()).isEqualTo(ledger.summary());
        assertThat(MAPPER.readTree(serializer.serialize(copy, String.class).getData()))
                .isEqualTo(MAPPER.readTree(snapshot.getData()));
        for (PostingInput in : run.model().accepted.values()) {
            assertThat(copy.holds(in.sourceSystem(), in.postingId())).isTrue();
        }
        assertThat(copy.holds("s1", "never-sent")).isFalse();
    }
}
