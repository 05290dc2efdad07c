package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The deterministic (seeded) stream of postings and when each goes out. Four phases, each sent concurrently over
 * REST (batches and single posts, several clients) and Kafka, with a barrier between them (every valid posting of the
 * phase recorded) so that every valid posting is acceptable in whatever order the ledger receives it:
 * <ol>
 *   <li><b>funding</b> — appropriations, income and opening balances per unit and fund source, enough for everything
 *       the later phases spend (so no valid expenditure can meet an empty fund source, in any interleaving);</li>
 *   <li><b>movements</b> — expenditures, budgets, procurement contracts, income, fund offsets, surplus distributions;
 *       exact duplicates (also inside one batch, and racing their original over the other channel); conflicting
 *       duplicates of funding postings; every stateless rule of the contract broken on each channel; garbage;</li>
 *   <li><b>reversals</b> — reversals of recorded movements, more movements, duplicates, conflicting duplicates (other
 *       amount, other text, another ledger), more invalid postings;</li>
 *   <li><b>dependent rules</b> — reversing a reversed posting, reversing a reversal, a reversal that would overdraw a
 *       fund source, the ledger-total overflow; duplicates and conflicts of reversals.</li>
 * </ol>
 */
final class Plan {

    static final int YEAR = 2019;
    static final String SOURCE = "treasury-payments";
    static final String OTHER_SOURCE = "demo";
    static final String CLOSED = "FH-CLOSED";
    /** a year that holds imported published figures: no posting may enter it */
    static final String IMPORTED = "FH-IMPORTED";

    static final String FUTURE = "FH-FUTURE";
    static final int FUTURE_YEAR = 2035;
    static final String BIG = "FH-BIG";
    static final String NOT_REGISTERED = "FH-NOPE";
    static final long MAX_POSTING_FEN = 99_999_999_999_999L;
    /** maximal appropriations one fund source holds without overflowing a long of fen */
    static final int OVERFLOW_FILL = (int) (Long.MAX_VALUE / MAX_POSTING_FEN);

    record Unit(String code, String parent, String kind) {}

    static final class Phase {
        final String name;
        final List<Item> items = new ArrayList<>();
        /** REST requests in sending order: one item (single post) or several (a batch) */
        final List<List<Item>> rest = new ArrayList<>();

        final List<Item> kafka = new ArrayList<>();
        /** valid postings of this phase, per unit: what the barrier waits for */
        final Map<String, Integer> validPerUnit = new LinkedHashMap<>();

        Phase(String name) {
            this.name = name;
        }

        int restItems() {
            return rest.stream().mapToInt(List::size).sum();
        }
    }

    static final List<String> STATELESS_RULES = List.of(
            "field.unknown",
            "field.type",
            "postingId.required",
            "postingId.format",
            "sourceSystem.required",
            "sourceSystem.format",
            "unitCode.required",
            "unitCode.format",
            "fiscalYear.required",
            "fiscalYear.range",
            "type.required",
            "type.unknown",
            "unit.not_registered",
            "year.closed",
            "year.imported",
            "catalogue.missing",
            "field.not_allowed",
            "fundSource.required",
            "fundSource.unknown",
            "fundSource.not_allowed",
            "functionalCode.required",
            "functionalCode.level",
            "functionalCode.unknown",
            "economicCode.required",
            "economicCode.level",
            "economicCode.unknown",
            "expenditureKind.required",
            "expenditureKind.unknown",
            "expenditureKind.not_allowed",
            "stage.required",
            "stage.unknown",
            "amount.required",
            "amount.format",
            "amount.not_positive",
            "amount.too_large",
            "occurredOn.required",
            "occurredOn.format",
            "occurredOn.outside_year",
            "procurement.required",
            "procurement.category",
            "procurement.awards",
            "activity.kind",
            "activity.count",
            "text.too_long",
            "text.control",
            "reason.required",
            "reverses.required",
            "reverses.unknown",
            "availability.insufficient");
    static final List<String> DEPENDENT_RULES =
            List.of("reverses.already_reversed", "reverses.reversal", "availability.reversal", "ledger.overflow");

    private static final String[] FUNCTIONAL = {
        "2013701", "2013701", "2013702", "2060199", "2010101", "2080501", "2120101", "2130101", "2070101", "2080505"
    };
    private static final String FUND_FUNCTIONAL = "2296003";
    private static final String[] ECONOMIC_PERSONNEL = {
        "30101", "30102", "30103", "30107", "30108", "30113", "30199", "30302", "30305"
    };
    private static final String[] ECONOMIC_PUBLIC = {
        "30201", "30202", "30205", "30207", "30211", "30212", "30215", "30216", "30217", "30226", "30231", "30299",
        "31002", "31007", "31013"
    };
    private static final String[] SANGONG = {"30212", "30217", "30231", "31013"};
    private static final String[] NON_FISCAL_KINDS = {
        "BASIC", "PROJECT", "REMIT_TO_SUPERIOR", "BUSINESS", "SUBSIDY_TO_AFFILIATES"
    };
    /** fund sources expenditures draw on (AFFILIATE_REMITTANCE is kept for the overdraw probe) */
    private static final String[] SPEND_SOURCES = {
        "GENERAL_BUDGET",
        "GENERAL_BUDGET",
        "GENERAL_BUDGET",
        "GENERAL_BUDGET",
        "GENERAL_BUDGET",
        "GOVERNMENT_FUND",
        "OPERATING",
        "OTHER",
        "SUPERIOR_SUBSIDY"
    };

    private static final String[] INCOME_SOURCES = {"SUPERIOR_SUBSIDY", "OPERATING", "BUSINESS", "OTHER"};
    private static final String[] OFFSET_SOURCES = {"OPERATING", "OTHER"};

    final HarnessConfig config;
    final List<Unit> units = new ArrayList<>();
    final List<Phase> phases = new ArrayList<>();
    /** every valid posting per ledger unit (the harness's own record of what must be recorded) */
    final Map<String, List<PostingSpec>> valid = new LinkedHashMap<>();
    /** the postings the setup records in FH-CLOSED before closing its year */
    final List<PostingSpec> closedSetup = new ArrayList<>();
    /** rules broken, per channel: "rest" / "kafka" -> codes */
    final Map<String, Set<String>> rulesBroken = new LinkedHashMap<>();

    int fillerPostings;

    private final Random rnd;
    private int seq;
    private final Map<String, Integer> idCounters = new HashMap<>();
    private final Map<String, Map<String, Long>> consumption = new HashMap<>();
    private final Map<String, Map<String, Long>> budgets = new HashMap<>();
    /** valid postings that may be repeated, conflicted or reversed, by phase */
    private final List<PostingSpec> fundingPool = new ArrayList<>();

    private final List<PostingSpec> movementPool = new ArrayList<>();
    private final List<PostingSpec> reversalPool = new ArrayList<>();
    private final Set<String> reversedKeys = new HashSet<>();
    private final Map<String, PostingSpec> overdrawIncome = new HashMap<>();
    private final Map<String, PostingSpec> overdrawSpend = new HashMap<>();

    private Plan(HarnessConfig config) {
        this.config = config;
        this.rnd = new Random(config.seed());
        rulesBroken.put("rest", new LinkedHashSet<>());
        rulesBroken.put("kafka", new LinkedHashSet<>());
    }

    static Plan generate(HarnessConfig config) {
        Plan plan = new Plan(config);
        plan.build();
        return plan;
    }

    List<String> unitCodes() {
        return units.stream().map(Unit::code).toList();
    }

    /** The ledgers whose every posting the harness knows: its units (and the overflow ledger). */
    List<String> ledgers() {
        List<String> all = new ArrayList<>(unitCodes());
        if (config.overflow()) {
            all.add(BIG);
        }
        return all;
    }

    int itemsSent() {
        return phases.stream().mapToInt(p -> p.items.size()).sum();
    }

    List<Item> allItems() {
        List<Item> all = new ArrayList<>();
        phases.forEach(p -> all.addAll(p.items));
        return all;
    }

    // ---- the build ----------------------------------------------------------------------------------------------

    private void build() {
        for (int d = 1; d <= config.departments(); d++) {
            String root = "FH-D" + d;
            units.add(new Unit(root, null, "ADMINISTRATIVE"));
            for (int k = 1; k < config.unitsPerDepartment(); k++) {
                units.add(new Unit(root + "." + k, root, k % 2 == 1 ? "PUBLIC_INSTITUTION" : "CIVIL_SERVICE_MANAGED"));
            }
        }
        for (Unit u : units) {
            valid.put(u.code(), new ArrayList<>());
        }
        if (config.overflow()) {
            valid.put(BIG, new ArrayList<>());
        }
        closedSetup.add(PostingSpec.builder()
                .id(CLOSED + "-A1")
                .unit(CLOSED)
                .type("APPROPRIATION")
                .fund("GENERAL_BUDGET")
                .functional("2013701")
                .amount(100_000_00L, 0)
                .on("2019-01-10")
                .build());
        closedSetup.add(PostingSpec.builder()
                .id(CLOSED + "-E1")
                .unit(CLOSED)
                .type("EXPENDITURE")
                .fund("GENERAL_BUDGET")
                .functional("2013701")
                .economic("30201")
                .kind("BASIC")
                .amount(30_000_00L, 0)
                .on("2019-03-10")
                .build());

        int special = units.size() * 6 + (config.overflow() ? 2 : 0);
        int forced = STATELESS_RULES.size() * 2 + 8;
        int remaining = Math.max(200, config.postings() - units.size() * 12 - special - forced);
        int movementsCount = (int) Math.round(remaining * 0.78);
        int reversalsCount = remaining - movementsCount;

        Phase funding = new Phase("funding");
        Phase movements = new Phase("movements");
        Phase reversals = new Phase("reversals");
        Phase dependent = new Phase("dependent rules");

        // movements and reversals first: the funding must cover what they spend
        for (Unit u : units) {
            PostingSpec spend = PostingSpec.builder()
                    .id(nextId(u.code(), "OD"))
                    .unit(u.code())
                    .type("EXPENDITURE")
                    .fund("AFFILIATE_REMITTANCE")
                    .functional("2013701")
                    .economic("30201")
                    .kind("BUSINESS")
                    .amount(60_00L, 0)
                    .on("2019-04-01")
                    .description("overdraw probe: spends most of its income")
                    .build();
            overdrawSpend.put(u.code(), spend);
            add(movements, validItem(spend, channel(true)));
        }
        buildMovements(movements, movementsCount);
        buildReversals(reversals, reversalsCount);
        buildFunding(funding);
        bindMovements(movements);
        buildDependent(dependent);
        if (config.overflow()) {
            buildOverflowFill(movements);
        }
        for (Phase p : List.of(funding, movements, reversals, dependent)) {
            group(p);
            phases.add(p);
        }
    }

    private void buildFunding(Phase phase) {
        for (Unit u : units) {
            Map<String, Long> spent = consumption.getOrDefault(u.code(), Map.of());
            for (String source :
                    List.of("GENERAL_BUDGET", "GOVERNMENT_FUND", "OPERATING", "OTHER", "SUPERIOR_SUBSIDY")) {
                long need = spent.getOrDefault(source, 0L);
                long total = need + need / 20 + 10_000_00L + rnd.nextInt(1_000_000);
                boolean fiscal = PostingSpec.FISCAL.contains(source);
                long opening = 0;
                if (source.equals("GENERAL_BUDGET")) {
                    opening = total / 10;
                    PostingSpec o = PostingSpec.builder()
                            .id(nextId(u.code(), "F"))
                            .unit(u.code())
                            .type("OPENING_BALANCE")
                            .fund(source)
                            .functional("2013701")
                            .kind("BASIC")
                            .amount(opening, rnd.nextInt(3))
                            .on("2019-01-01")
                            .description("年初结转和结余")
                            .build();
                    add(phase, validItem(o, channel(true)));
                    fundingPool.add(o);
                }
                long first = (total - opening) / 2;
                for (long amount : new long[] {first, total - opening - first}) {
                    PostingSpec f = PostingSpec.builder()
                            .id(nextId(u.code(), "F"))
                            .unit(u.code())
                            .type(fiscal ? "APPROPRIATION" : "INCOME")
                            .fund(source)
                            .functional(source.equals("GOVERNMENT_FUND") ? FUND_FUNCTIONAL : pick(FUNCTIONAL))
                            .amount(amount, rnd.nextInt(3))
                            .on(date())
                            .build();
                    add(phase, validItem(f, channel(true)));
                    fundingPool.add(f);
                }
            }
            PostingSpec income = PostingSpec.builder()
                    .id(nextId(u.code(), "OD"))
                    .unit(u.code())
                    .type("INCOME")
                    .fund("AFFILIATE_REMITTANCE")
                    .functional("2013701")
                    .amount(100_00L, 0)
                    .on("2019-01-15")
                    .description("overdraw probe: income later reversed after it is spent")
                    .build();
            overdrawIncome.put(u.code(), income);
            add(phase, validItem(income, channel(true)));
        }
    }

    /**
     * The movements phase. Its valid movements are drawn first (the funding must cover what they spend); duplicates
     * and conflicts of funding postings, invalid postings and garbage are drawn once the funding exists
     * ({@link #bindMovements}).
     */
    private List<java.util.function.Supplier<Item>> movementSlots;

    private void buildMovements(Phase phase, int count) {
        movementSlots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double r = rnd.nextDouble();
            String unit = pickUnit();
            if (r < 0.70 || movementPool.isEmpty()) {
                PostingSpec p = movement(unit, rnd.nextDouble() < 0.02);
                movementPool.add(p);
                Item item = validItem(p, channel(true));
                movementSlots.add(() -> item);
            } else if (r < 0.80) {
                boolean ofFunding = rnd.nextDouble() < 0.2;
                PostingSpec ofMovement = pickFrom(movementPool);
                movementSlots.add(() -> duplicateItem(ofFunding ? pickFrom(fundingPool) : ofMovement, channel(true)));
            } else if (r < 0.81) {
                movementSlots.add(() -> conflictItem(pickFrom(fundingPool), channel(true), false));
            } else if (r < 0.99) {
                movementSlots.add(() -> invalidItem(pickFrom(STATELESS_RULES), unit, channel(true)));
            } else {
                movementSlots.add(() -> garbageItem(channel(true)));
            }
        }
    }

    private void bindMovements(Phase phase) {
        List<Item> normal = new ArrayList<>();
        for (java.util.function.Supplier<Item> slot : movementSlots) {
            normal.add(slot.get());
        }
        List<Item> forcedItems = new ArrayList<>();
        for (String rule : STATELESS_RULES) {
            forcedItems.add(invalidItem(rule, pickUnit(), Item.Channel.KAFKA));
            forcedItems.add(invalidItem(
                    rule, pickUnit(), rule.equals("sourceSystem.format") ? Item.Channel.REST_SINGLE : restChannel()));
        }
        forcedItems.add(invalidItem("forbidden.source_system", pickUnit(), Item.Channel.REST_SINGLE));
        for (Item.Channel c :
                List.of(Item.Channel.REST_SINGLE, Item.Channel.REST_BATCH, Item.Channel.KAFKA, Item.Channel.KAFKA)) {
            forcedItems.add(garbageItem(c));
        }
        for (Item f : forcedItems) {
            normal.add(rnd.nextInt(normal.size() + 1), f);
        }
        normal.forEach(item -> add(phase, item));
    }

    private void buildReversals(Phase phase, int count) {
        List<PostingSpec> reversible = new ArrayList<>();
        for (PostingSpec p : movementPool) {
            if (!p.sourceSystem.equals(SOURCE) && !p.sourceSystem.equals(OTHER_SOURCE)) {
                continue;
            }
            if (p.type.equals("BUDGET") && !"DECREASE".equals(p.stage)) {
                continue; // keeps every 07 budget figure at or above zero
            }
            reversible.add(p);
        }
        Collections.shuffle(reversible, rnd);
        int next = 0;
        List<PostingSpec> cMoves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double r = rnd.nextDouble();
            String unit = pickUnit();
            if (r < 0.38 && next < reversible.size()) {
                PostingSpec target = reversible.get(next++);
                PostingSpec rev = PostingSpec.builder()
                        .reversal(target, pick(new String[] {"退回", "更正", "重复支付冲销", "misposted"}))
                        .id(nextId(target.unitCode, "R"))
                        .build();
                reversedKeys.add(target.key());
                reversalPool.add(rev);
                add(phase, validItem(rev, channel(true)));
            } else if (r < 0.53) {
                PostingSpec p = movement(unit, false);
                cMoves.add(p);
                add(phase, validItem(p, channel(true)));
            } else if (r < 0.70) {
                List<PostingSpec> pool = rnd.nextBoolean() || reversalPool.isEmpty() ? movementPool : reversalPool;
                add(phase, duplicateItem(pickFrom(pool), channel(true)));
            } else if (r < 0.81) {
                add(phase, conflictItem(pickFrom(movementPool), channel(true), rnd.nextDouble() < 0.25));
            } else if (r < 0.985) {
                add(phase, invalidItem(pickFrom(STATELESS_RULES), unit, channel(true)));
            } else {
                add(phase, garbageItem(channel(true)));
            }
        }
    }

    private void buildDependent(Phase phase) {
        Map<String, List<PostingSpec>> reversalsByUnit = new HashMap<>();
        for (PostingSpec r : reversalPool) {
            reversalsByUnit.computeIfAbsent(r.unitCode, k -> new ArrayList<>()).add(r);
        }
        for (Unit u : units) {
            List<PostingSpec> revs = reversalsByUnit.getOrDefault(u.code(), List.of());
            if (!revs.isEmpty()) {
                PostingSpec r = revs.get(rnd.nextInt(revs.size()));
                PostingSpec again = PostingSpec.builder()
                        .reversal(r.reversed, "reversed again")
                        .id(nextId(u.code(), "RR"))
                        .build();
                add(phase, invalid(again.json(), u.code(), "reverses.already_reversed", 422, channel(true)));
                PostingSpec ofReversal = PostingSpec.builder()
                        .reversal(r, "reversing a reversal")
                        .id(nextId(u.code(), "RR"))
                        .build();
                add(phase, invalid(ofReversal.json(), u.code(), "reverses.reversal", 422, channel(true)));
                add(phase, duplicateItem(r, channel(true)));
                PostingSpec changed = r.toBuilder().build();
                ObjectNode n = changed.json();
                n.put("reason", r.reason + " (changed)");
                add(
                        phase,
                        new Item(
                                seq++,
                                Item.Kind.CONFLICT,
                                channel(true),
                                n.toString(),
                                u.code(),
                                u.code(),
                                r,
                                "conflict",
                                409,
                                "conflicting duplicate of a reversal"));
            }
            PostingSpec overdraw = PostingSpec.builder()
                    .reversal(overdrawIncome.get(u.code()), "income returned after it was spent")
                    .id(nextId(u.code(), "RR"))
                    .build();
            add(phase, invalid(overdraw.json(), u.code(), "availability.reversal", 422, channel(true)));
        }
        if (config.overflow()) {
            PostingSpec one = PostingSpec.builder()
                    .id(BIG + "-OVER")
                    .unit(BIG)
                    .type("APPROPRIATION")
                    .fund("GENERAL_BUDGET")
                    .functional("2013701")
                    .amount(MAX_POSTING_FEN, 0)
                    .on("2019-12-31")
                    .build();
            add(phase, invalid(one.json(), BIG, "ledger.overflow", 422, Item.Channel.REST_SINGLE));
            PostingSpec two = PostingSpec.builder()
                    .id(BIG + "-OVER2")
                    .unit(BIG)
                    .type("APPROPRIATION")
                    .fund("GENERAL_BUDGET")
                    .functional("2013701")
                    .amount(MAX_POSTING_FEN, 0)
                    .on("2019-12-31")
                    .build();
            add(phase, invalid(two.json(), BIG, "ledger.overflow", 422, Item.Channel.KAFKA));
        }
        Collections.shuffle(phase.items, rnd);
    }

    /** FH-BIG: as many maximal appropriations as one fund source can hold; phase 4 adds one more. */
    private void buildOverflowFill(Phase phase) {
        List<Item> fill = new ArrayList<>();
        for (int i = 0; i < OVERFLOW_FILL; i++) {
            PostingSpec p = PostingSpec.builder()
                    .id(BIG + "-F" + i)
                    .unit(BIG)
                    .type("APPROPRIATION")
                    .fund("GENERAL_BUDGET")
                    .functional("2013701")
                    .amount(MAX_POSTING_FEN, 0)
                    .on(date())
                    .build();
            fill.add(validItem(p, Item.Channel.REST_BATCH));
            valid.get(BIG).add(p);
        }
        fillerPostings = fill.size();
        // spread through the phase: one block per stretch of the other items
        List<Item> merged = new ArrayList<>(phase.items.size() + fill.size());
        int blocks = (fill.size() + config.maxBatch() - 1) / Math.max(1, config.maxBatch());
        int stride = Math.max(1, phase.items.size() / Math.max(1, blocks));
        int f = 0;
        for (int i = 0; i < phase.items.size(); i++) {
            merged.add(phase.items.get(i));
            if (i % stride == stride - 1) {
                for (int k = 0; k < config.maxBatch() && f < fill.size(); k++) {
                    merged.add(fill.get(f++));
                }
            }
        }
        while (f < fill.size()) {
            merged.add(fill.get(f++));
        }
        phase.items.clear();
        phase.items.addAll(merged);
        // the funding postings are in their own phase; count the fill's valid postings
        phase.validPerUnit.merge(BIG, fill.size(), Integer::sum);
    }

    // ---- items ----------------------------------------------------------------------------------------------------

    private void add(Phase phase, Item item) {
        phase.items.add(item);
        if (item.kind == Item.Kind.VALID) {
            phase.validPerUnit.merge(item.unit, 1, Integer::sum);
            valid.get(item.unit).add(item.posting);
        }
        if (item.kind == Item.Kind.INVALID && item.expectedError != null) {
            rulesBroken.get(item.rest() ? "rest" : "kafka").add(item.expectedError);
        }
    }

    private Item validItem(PostingSpec p, Item.Channel channel) {
        return new Item(
                seq++, Item.Kind.VALID, channel, p.json().toString(), p.unitCode, p.unitCode, p, null, 201, p.type);
    }

    private Item duplicateItem(PostingSpec original, Item.Channel channel) {
        return new Item(
                seq++,
                Item.Kind.DUPLICATE,
                channel,
                original.json().toString(),
                original.unitCode,
                original.unitCode,
                original,
                null,
                200,
                "exact duplicate of " + original.postingId);
    }

    /** Same sourceSystem + postingId as a recorded posting, other content; or sent to another ledger. */
    private Item conflictItem(PostingSpec original, Item.Channel channel, boolean otherLedger) {
        ObjectNode n = original.json();
        String unit = original.unitCode;
        String label;
        if (otherLedger) {
            List<String> others = new ArrayList<>(unitCodes());
            others.remove(original.unitCode);
            unit = pickFrom(others);
            n.put("unitCode", unit);
            label = "same id sent to another ledger (" + original.postingId + ")";
        } else if (original.amountText != null && rnd.nextBoolean()) {
            n.put("amount", PostingSpec.yuan(original.amountFen + 1 + rnd.nextInt(100), 0));
            label = "same id, other amount (" + original.postingId + ")";
        } else {
            n.put("description", (original.description == null ? "" : original.description) + " — corrected");
            label = "same id, other description (" + original.postingId + ")";
        }
        return new Item(seq++, Item.Kind.CONFLICT, channel, n.toString(), unit, unit, original, "conflict", 409, label);
    }

    private Item invalid(ObjectNode n, String unit, String code, int status, Item.Channel channel) {
        return new Item(
                seq++,
                Item.Kind.INVALID,
                channel,
                n.toString(),
                unit == null ? "none" : unit,
                unit == null ? "" : unit,
                null,
                code,
                status,
                code);
    }

    private Item garbageItem(Item.Channel channel) {
        String payload = switch (channel) {
            case REST_SINGLE ->
                pick(new String[] {
                    "{\"postingId\": \"FH-GARBAGE\", \"amount\": ", "not json at all", "{'single': 'quotes'}"
                });
            case REST_BATCH -> pick(new String[] {"42", "\"a string\"", "[1, 2, 3]", "null", "true"});
            case KAFKA -> pick(new String[] {"not json at all", "[1, 2, 3]", "{\"unterminated\": ", "42", null});
        };
        return new Item(
                seq++, Item.Kind.GARBAGE, channel, payload, "garbage", "", null, "malformed_json", 400, "garbage");
    }

    /** A posting that breaks exactly the given rule (the first one the ledger checks fails). */
    private Item invalidItem(String rule, String unit, Item.Channel channel) {
        if (channel == Item.Channel.REST_BATCH
                && (rule.equals("sourceSystem.format") || rule.equals("forbidden.source_system"))) {
            channel = Item.Channel.REST_SINGLE; // a 403 refuses a whole batch
        }
        String id = nextId(unit, "X");
        ObjectNode n = base(unit, id, "EXPENDITURE");
        String ledger = unit;
        int status = 422;
        String code = rule;
        switch (rule) {
            case "field.unknown" -> n.put("colour", "red");
            case "field.type" -> n.put("amount", 12.5);
            case "postingId.required" -> n.remove("postingId");
            case "postingId.format" -> n.put("postingId", "bad id!" + id);
            case "sourceSystem.required" -> n.remove("sourceSystem");
            case "sourceSystem.format" -> {
                n.put("sourceSystem", " " + SOURCE);
                if (channel != Item.Channel.KAFKA) { // REST checks the caller may post as that system first
                    status = 403;
                    code = "forbidden.source_system";
                }
            }
            case "forbidden.source_system" -> {
                n.put("sourceSystem", "someone-else");
                status = 403;
            }
            case "unitCode.required" -> {
                n.remove("unitCode");
                ledger = null;
            }
            case "unitCode.format" -> {
                n.put("unitCode", "-" + unit);
                ledger = null;
            }
            case "fiscalYear.required" -> n.remove("fiscalYear");
            case "fiscalYear.range" -> n.put("fiscalYear", 1989);
            case "type.required" -> n.remove("type");
            case "type.unknown" -> n.put("type", "GIFT");
            case "unit.not_registered" -> {
                n.put("unitCode", NOT_REGISTERED);
                ledger = NOT_REGISTERED;
            }
            case "year.closed" -> {
                n.put("unitCode", CLOSED);
                ledger = CLOSED;
            }
            case "year.imported" -> {
                n.put("unitCode", IMPORTED);
                ledger = IMPORTED;
                status = 409; // the ledger holds imported figures in the posting's place
            }
            case "catalogue.missing" -> {
                n.put("unitCode", FUTURE);
                n.put("fiscalYear", FUTURE_YEAR);
                n.put("occurredOn", FUTURE_YEAR + "-05-05");
                ledger = FUTURE;
            }
            case "field.not_allowed" -> n.put("stage", "INITIAL");
            case "fundSource.required" -> n.remove("fundSource");
            case "fundSource.unknown" -> n.put("fundSource", "PIGGY_BANK");
            case "fundSource.not_allowed" -> {
                n = base(unit, id, "APPROPRIATION");
                n.put("fundSource", "OPERATING");
            }
            case "functionalCode.required" -> n.remove("functionalCode");
            case "functionalCode.level" -> n.put("functionalCode", "20137");
            case "functionalCode.unknown" -> n.put("functionalCode", "2013777");
            case "economicCode.required" -> n.remove("economicCode");
            case "economicCode.level" -> n.put("economicCode", "301");
            case "economicCode.unknown" -> n.put("economicCode", "30288");
            case "expenditureKind.required" -> n.remove("expenditureKind");
            case "expenditureKind.unknown" -> n.put("expenditureKind", "MISC");
            case "expenditureKind.not_allowed" -> n.put("expenditureKind", "BUSINESS");
            case "stage.required" -> n = base(unit, id, "BUDGET");
            case "stage.unknown" -> {
                n = base(unit, id, "BUDGET");
                n.put("stage", "FINAL");
            }
            case "amount.required" -> n.remove("amount");
            case "amount.format" ->
                n.put("amount", pick(new String[] {"12.345", "1,000.00", "12.", ".5", "1e3", "abc"}));
            case "amount.not_positive" -> n.put("amount", pick(new String[] {"0.00", "0", "-5.00"}));
            case "amount.too_large" -> n.put("amount", "1000000000000.00");
            case "occurredOn.required" -> n.remove("occurredOn");
            case "occurredOn.format" ->
                n.put("occurredOn", pick(new String[] {"2019/06/01", "2019-02-30", "yesterday"}));
            case "occurredOn.outside_year" -> n.put("occurredOn", pick(new String[] {"2018-12-31", "2020-01-01"}));
            case "procurement.required" -> {
                n = base(unit, id, "PROCUREMENT");
                n.remove("procurement");
            }
            case "procurement.category" -> {
                n = base(unit, id, "PROCUREMENT");
                ((ObjectNode) n.get("procurement")).put("category", "FOOD");
            }
            case "procurement.awards" -> {
                n = base(unit, id, "PROCUREMENT");
                ((ObjectNode) n.get("procurement")).put("smeAwarded", false).put("smallMicroAwarded", true);
            }
            case "activity.kind" -> n.putObject("activity").put("kind", "PARTY");
            case "activity.count" ->
                n.putObject("activity")
                        .put("kind", "MEETING")
                        .put("groups", 1)
                        .put("persons", rnd.nextBoolean() ? -1 : 2_000_000);
            case "text.too_long" -> n.put("description", "长".repeat(2001));
            case "text.control" -> n.put("description", "bell\u0007in text");
            case "reason.required" -> {
                n = base(unit, id, "REVERSAL");
                n.remove("reason");
            }
            case "reverses.required" -> {
                n = base(unit, id, "REVERSAL");
                n.remove("reverses");
            }
            case "reverses.unknown" -> {
                n = base(unit, id, "REVERSAL");
                n.put("reverses", unit + "-NO-SUCH-" + rnd.nextInt(1000));
            }
            case "availability.insufficient" -> n.put("amount", "999999999999.99");
            default -> throw new IllegalArgumentException("no mutation for " + rule);
        }
        return invalid(n, ledger, code, status, channel);
    }

    /** A valid posting of the given type, before an invalid item breaks one of its rules. */
    private ObjectNode base(String unit, String id, String type) {
        PostingSpec.Builder b =
                PostingSpec.builder().id(id).unit(unit).type(type).on(date());
        switch (type) {
            case "EXPENDITURE" ->
                b.fund("GENERAL_BUDGET")
                        .functional("2013701")
                        .economic("30201")
                        .kind("BASIC")
                        .amount(100_00L, 0);
            case "APPROPRIATION" ->
                b.fund("GENERAL_BUDGET").functional("2013701").amount(100_00L, 0);
            case "BUDGET" ->
                b.fund("GENERAL_BUDGET").functional("2013701").economic("30217").amount(100_00L, 0);
            case "PROCUREMENT" ->
                b.fund("GENERAL_BUDGET")
                        .functional("2013701")
                        .amount(100_00L, 0)
                        .procurement("GOODS", true, false);
            case "REVERSAL" -> {
                b.on(null);
                b.reverses = unit + "-F1";
                b.reason = "wrong";
            }
            default -> throw new IllegalArgumentException(type);
        }
        return b.build().json();
    }

    /** A valid movement; consumption is tallied so that the funding covers it. */
    private PostingSpec movement(String unit, boolean otherSourceSystem) {
        double r = rnd.nextDouble();
        PostingSpec.Builder b = PostingSpec.builder().unit(unit).on(date());
        String id;
        if (otherSourceSystem && !movementPool.isEmpty()) {
            // the same postingId from another source system is another posting
            PostingSpec same = pickFrom(movementPool);
            b.unit(same.unitCode);
            unit = same.unitCode;
            id = same.postingId;
            b.source(same.sourceSystem.equals(SOURCE) ? OTHER_SOURCE : SOURCE);
            if (!takenKeys.add(b.sourceSystem + "|" + id)) {
                id = nextId(unit, "M");
                b.source(SOURCE);
            }
        } else {
            id = nextId(unit, "M");
        }
        b.id(id);
        if (r < 0.62) {
            String source = pick(SPEND_SOURCES);
            boolean fiscal = PostingSpec.FISCAL.contains(source);
            String kind = fiscal ? (rnd.nextDouble() < 0.7 ? "BASIC" : "PROJECT") : pick(NON_FISCAL_KINDS);
            String ec = rnd.nextDouble() < 0.45 ? pick(ECONOMIC_PERSONNEL) : pick(ECONOMIC_PUBLIC);
            long fen = amount();
            b.type("EXPENDITURE")
                    .fund(source)
                    .functional(source.equals("GOVERNMENT_FUND") ? FUND_FUNCTIONAL : pick(FUNCTIONAL))
                    .economic(ec)
                    .kind(kind)
                    .amount(fen, rnd.nextInt(3));
            if (source.equals("GENERAL_BUDGET")) {
                switch (ec) {
                    case "30215" -> b.activity("MEETING", 1 + rnd.nextInt(80));
                    case "30217" -> b.activity("RECEPTION", 1 + rnd.nextInt(20));
                    case "30216" -> b.activity("TRAINING", 1 + rnd.nextInt(50));
                    default -> {
                        if (rnd.nextDouble() < 0.01) {
                            b.activity("FESTIVAL", null);
                        }
                    }
                }
            }
            if (rnd.nextDouble() < 0.3) {
                b.description(
                        pick(new String[] {"办公用品", "差旅报销", "1月基本工资", "会议费", "电费", "印刷 \"通知\"", "tab\there", "多行\n说明"}));
            }
            consume(unit, source, fen);
        } else if (r < 0.70) {
            String ec = rnd.nextDouble() < 0.8 ? pick(SANGONG) : (rnd.nextBoolean() ? null : pick(ECONOMIC_PUBLIC));
            String fund = rnd.nextDouble() < 0.9 ? "GENERAL_BUDGET" : "GOVERNMENT_FUND";
            String key = fund + "/" + ec;
            Map<String, Long> held = budgets.computeIfAbsent(unit, k -> new HashMap<>());
            long have = held.getOrDefault(key, 0L);
            String stage = rnd.nextDouble() < 0.6 ? "INITIAL" : rnd.nextBoolean() ? "INCREASE" : "DECREASE";
            long fen = amount() * 3;
            if (stage.equals("DECREASE")) {
                if (have < 2) {
                    stage = "INITIAL";
                } else {
                    fen = 1 + rnd.nextLong(have / 2);
                }
            }
            held.merge(key, stage.equals("DECREASE") ? -fen : fen, Long::sum);
            b.type("BUDGET")
                    .fund(fund)
                    .functional(fund.equals("GOVERNMENT_FUND") ? FUND_FUNCTIONAL : pick(FUNCTIONAL))
                    .economic(ec)
                    .stage(stage)
                    .amount(fen, rnd.nextInt(3));
        } else if (r < 0.76) {
            boolean sme = rnd.nextBoolean();
            b.type("PROCUREMENT")
                    .fund(pick(new String[] {"GENERAL_BUDGET", "GENERAL_BUDGET", "OPERATING", "GOVERNMENT_FUND"}))
                    .functional(pick(FUNCTIONAL))
                    .amount(amount() * 5, rnd.nextInt(3))
                    .procurement(pick(new String[] {"GOODS", "WORKS", "SERVICES"}), sme, sme && rnd.nextBoolean());
        } else if (r < 0.86) {
            String source = pick(INCOME_SOURCES);
            b.type("INCOME").fund(source).functional(pick(FUNCTIONAL)).amount(amount(), rnd.nextInt(3));
        } else if (r < 0.90) {
            String source = rnd.nextBoolean() ? "GENERAL_BUDGET" : "GOVERNMENT_FUND";
            b.type("APPROPRIATION")
                    .fund(source)
                    .functional(source.equals("GOVERNMENT_FUND") ? FUND_FUNCTIONAL : pick(FUNCTIONAL))
                    .amount(amount(), rnd.nextInt(3));
        } else if (r < 0.93) {
            b.type("FUND_OFFSET")
                    .fund(pick(OFFSET_SOURCES))
                    .functional(pick(FUNCTIONAL))
                    .amount(amount(), rnd.nextInt(3));
        } else if (r < 0.96) {
            String source = pick(OFFSET_SOURCES);
            long fen = amount();
            b.type("SURPLUS_DISTRIBUTION")
                    .fund(source)
                    .functional(pick(FUNCTIONAL))
                    .amount(fen, rnd.nextInt(3));
            consume(unit, source, fen);
        } else {
            String source = pick(new String[] {"GENERAL_BUDGET", "OPERATING", "OTHER"});
            b.type("OPENING_BALANCE").fund(source).functional(pick(FUNCTIONAL)).amount(amount(), rnd.nextInt(3));
            if (source.equals("GENERAL_BUDGET")) {
                b.kind(rnd.nextBoolean() ? "BASIC" : "PROJECT");
            }
        }
        return b.build();
    }

    private final Set<String> takenKeys = new HashSet<>();

    private void consume(String unit, String source, long fen) {
        consumption.computeIfAbsent(unit, k -> new HashMap<>()).merge(source, fen, Long::sum);
    }

    /** Mostly small amounts, sometimes large ones, sometimes a single fen. */
    private long amount() {
        double r = rnd.nextDouble();
        if (r < 0.01) {
            return 1 + rnd.nextInt(99);
        }
        if (r < 0.94) {
            return 1_000 + rnd.nextInt(500_000);
        }
        return 1_000_000 + rnd.nextInt(20_000_000);
    }

    private String date() {
        int day = 1 + rnd.nextInt(365);
        return java.time.LocalDate.ofYearDay(YEAR, day).toString();
    }

    private String nextId(String unit, String kind) {
        int n = idCounters.merge(unit + kind, 1, Integer::sum);
        String id = unit + "-" + kind + n;
        takenKeys.add(SOURCE + "|" + id);
        return id;
    }

    private String pickUnit() {
        return units.get(rnd.nextInt(units.size())).code();
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private <T> T pickFrom(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    /** REST or Kafka; REST single or batch. */
    private Item.Channel channel(boolean batchAllowed) {
        if (rnd.nextDouble() < config.kafkaShare()) {
            return Item.Channel.KAFKA;
        }
        return batchAllowed ? restChannel() : Item.Channel.REST_SINGLE;
    }

    private Item.Channel restChannel() {
        return rnd.nextDouble() < config.singleShare() ? Item.Channel.REST_SINGLE : Item.Channel.REST_BATCH;
    }

    /** Forms the REST requests (batches of random size, some with a duplicate of their own item) and the Kafka list. */
    private void group(Phase phase) {
        List<Item> open = new ArrayList<>();
        int size = 1 + rnd.nextInt(config.maxBatch());
        List<Item> extra = new ArrayList<>();
        for (Item item : phase.items) {
            switch (item.channel) {
                case KAFKA -> phase.kafka.add(item);
                case REST_SINGLE -> phase.rest.add(List.of(item));
                case REST_BATCH -> {
                    open.add(item);
                    if (open.size() >= size) {
                        closeBatch(phase, open, extra);
                        open = new ArrayList<>();
                        size = 1 + rnd.nextInt(config.maxBatch());
                    }
                }
            }
        }
        if (!open.isEmpty()) {
            closeBatch(phase, open, extra);
        }
        phase.items.addAll(extra);
    }

    private void closeBatch(Phase phase, List<Item> batch, List<Item> extra) {
        if (batch.size() >= 2 && batch.size() < config.maxBatch() && rnd.nextDouble() < 0.1) {
            Item valid = batch.stream()
                    .filter(i -> i.kind == Item.Kind.VALID)
                    .findFirst()
                    .orElse(null);
            if (valid != null) {
                Item dup = duplicateItem(valid.posting, Item.Channel.REST_BATCH);
                batch.add(batch.indexOf(valid) + 1 + rnd.nextInt(batch.size() - batch.indexOf(valid)), dup);
                extra.add(dup);
            }
        }
        phase.rest.add(List.copyOf(batch));
    }
}
