package org.budgetledger.projection.finalaccounts.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.budgetledger.contract.Activity;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.Procurement;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;

/**
 * A random but valid posting stream of one department and fiscal year (docs/POSTINGS.md), reproducible from its seed: a
 * root unit and 1–3 descendants of random kinds, 20–200 postings of every type with codes of the shipped 2019
 * catalogue. The ledger's availability rule is kept per (unit, fund source, 项) — stricter than the contract's per
 * (unit, fund source) — so that no 08/09 row closes below zero: money is spent, distributed, or an addition reversed
 * only where that 项 of that fund source has enough of its own. A DECREASE, or the reversal of an INITIAL/INCREASE,
 * never takes a (unit, fund source, 项, economic code) budget below zero.
 *
 * <p>Two switches per stream, drawn from the seed, add valid postings that docs/DOMAIN.md#validation-rules flags with (inferred)
 * warnings: {@link #stateCapital} (STATE_CAPITAL postings in 2019: L07) and {@link #otherPublicClasses} (general
 * BASIC spending on 307/309/311/312/313/399: W16). Without them a stream must pass every check.
 *
 * <p>Also holds the tiny in-test projector (like {@link FixtureLedgers}): per unit a {@link Figures} fed by
 * {@link CellRouting}, consolidation as FinalAccounts does it.
 */
final class RandomLedgerStream {

    static final int YEAR = 2019;
    static final Catalogue FUNCTIONAL =
            ShippedCatalogues.load(YEAR, CatalogueKind.FUNCTIONAL).orElseThrow();
    static final Catalogue ECONOMIC =
            ShippedCatalogues.load(YEAR, CatalogueKind.ECONOMIC).orElseThrow();
    /** Valid 项 codes (7 digits, parents listed). */
    static final List<String> ITEMS = FUNCTIONAL.entries().stream()
            .map(e -> e.code())
            .filter(c -> c.length() == 7 && FUNCTIONAL.isValid(c))
            .toList();
    /** Valid economic 款 codes (5 digits, 类 listed). */
    static final List<String> ECONOMIC_CODES = ECONOMIC.entries().stream()
            .map(e -> e.code())
            .filter(c -> c.length() == 5 && ECONOMIC.isValid(c))
            .toList();
    /** The 款 a 2019 基本支出 table prints without a warning: 301, 302, 303, 310. */
    static final List<String> BASIC_QUIET_CODES = ECONOMIC_CODES.stream()
            .filter(c -> List.of("301", "302", "303", "310").contains(c.substring(0, 3)))
            .toList();
    /** Codes with a role (三公, 会议费, 培训费, 30913) and a few common ones, drawn more often. */
    static final List<String> SPECIAL_CODES =
            List.of("30212", "30217", "30231", "31013", "30215", "30216", "30913", "30101", "30201", "31002");

    static final List<String> SANGONG_CODES = List.of("30212", "30217", "30231", "31013");
    static final List<FundSource> NON_FISCAL =
            Arrays.stream(FundSource.values()).filter(s -> !s.fiscal()).toList();

    record Pot(String unit, FundSource source, String fn) {}

    record BudgetLine(String unit, FundSource source, String fn, String ec) {}

    final long seed;
    final boolean stateCapital;
    final boolean otherPublicClasses;
    final String root;
    /** Units in creation order (parents before children) with their kinds. */
    final Map<String, UnitKind> kinds = new LinkedHashMap<>();

    final Map<String, String> parents = new HashMap<>();
    final List<Posting> postings = new ArrayList<>();

    // ---- generation state ----
    private final Random r;
    private final List<String> items = new ArrayList<>();
    private final List<FundSource> fiscal = new ArrayList<>();
    private final Map<Pot, Long> available = new LinkedHashMap<>();
    private final Map<BudgetLine, Long> budgets = new LinkedHashMap<>();
    private final List<Posting> reversible = new ArrayList<>();
    private int next = 1;

    private RandomLedgerStream(long seed) {
        this.seed = seed;
        this.r = new Random(seed);
        r.nextLong(); // the first draw of java.util.Random barely differs between neighbouring small seeds
        this.stateCapital = r.nextInt(4) == 0;
        this.otherPublicClasses = r.nextInt(3) == 0;
        fiscal.add(FundSource.GENERAL_BUDGET);
        fiscal.add(FundSource.GOVERNMENT_FUND);
        if (stateCapital) {
            fiscal.add(FundSource.STATE_CAPITAL);
        }
        int unitCount = 2 + r.nextInt(3);
        root = "R" + seed;
        for (int i = 0; i < unitCount; i++) {
            String code = i == 0 ? root : root + "-U" + i;
            kinds.put(code, UnitKind.values()[r.nextInt(UnitKind.values().length)]);
            if (i > 0) {
                List<String> earlier = new ArrayList<>(kinds.keySet()).subList(0, i);
                parents.put(code, earlier.get(r.nextInt(earlier.size())));
            }
        }
        pickItems();
        int count = 20 + r.nextInt(181);
        while (postings.size() < count) {
            step();
        }
    }

    static RandomLedgerStream of(long seed) {
        return new RandomLedgerStream(seed);
    }

    private void pickItems() {
        int n = 3 + r.nextInt(8);
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < n) {
            if (chosen.isEmpty() || r.nextInt(3) == 0) {
                chosen.add(ITEMS.get(r.nextInt(ITEMS.size())));
            } else {
                // a sibling under the same 类 or 款 of a chosen code, so rows aggregate several children
                List<String> list = new ArrayList<>(chosen);
                String base = list.get(r.nextInt(list.size()));
                String prefix = base.substring(0, r.nextBoolean() ? 3 : 5);
                List<String> siblings =
                        ITEMS.stream().filter(c -> c.startsWith(prefix)).toList();
                chosen.add(siblings.get(r.nextInt(siblings.size())));
            }
        }
        items.addAll(chosen);
    }

    // ---------------------------------------------------------------------------------------------- one step

    private void step() {
        int w = r.nextInt(100);
        if (w < 14) {
            add(PostingType.APPROPRIATION, pick(fiscal));
        } else if (w < 24) {
            add(PostingType.INCOME, pick(NON_FISCAL));
        } else if (w < 32) {
            add(PostingType.OPENING_BALANCE, anySource());
        } else if (w < 36) {
            add(PostingType.FUND_OFFSET, pick(NON_FISCAL));
        } else if (w < 66) {
            if (!spend(PostingType.EXPENDITURE)) {
                add(PostingType.APPROPRIATION, pick(fiscal));
            }
        } else if (w < 70) {
            if (!spend(PostingType.SURPLUS_DISTRIBUTION)) {
                add(PostingType.INCOME, pick(NON_FISCAL));
            }
        } else if (w < 80) {
            budget();
        } else if (w < 88) {
            procurement();
        } else {
            reversal();
        }
    }

    private void add(PostingType type, FundSource source) {
        String unit = unit();
        String fn = pick(items);
        long fen = freshAmount();
        ExpenditureKind kind = null;
        if (type == PostingType.OPENING_BALANCE && r.nextBoolean()) {
            kind = source.fiscal()
                    ? (r.nextBoolean() ? ExpenditureKind.BASIC : ExpenditureKind.PROJECT)
                    : pick(List.of(ExpenditureKind.values()));
        }
        Posting p = record(unit, type, source, fn, null, kind, null, fen, null, null);
        available.merge(new Pot(unit, source, fn), fen, Math::addExact);
        reversible.add(p);
    }

    /** EXPENDITURE or SURPLUS_DISTRIBUTION from a (unit, source, 项) with money; false when there is none. */
    private boolean spend(PostingType type) {
        List<Pot> pots = available.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .filter(e ->
                        type == PostingType.EXPENDITURE || !e.getKey().source().fiscal())
                .map(Map.Entry::getKey)
                .toList();
        if (pots.isEmpty()) {
            return false;
        }
        Pot pot = pick(pots);
        long fen = partOf(available.get(pot));
        Posting p;
        if (type == PostingType.EXPENDITURE) {
            ExpenditureKind kind = pot.source().fiscal()
                    ? (r.nextBoolean() ? ExpenditureKind.BASIC : ExpenditureKind.PROJECT)
                    : pick(List.of(ExpenditureKind.values()));
            String ec = economicCode(pot.source(), kind);
            Activity activity = null;
            if (r.nextInt(4) == 0) {
                activity = new Activity(
                        pick(List.of(Activity.Kind.values())),
                        r.nextBoolean() ? 1 + r.nextInt(5) : null,
                        r.nextBoolean() ? 1 + r.nextInt(90) : null);
            }
            p = record(pot.unit(), type, pot.source(), pot.fn(), ec, kind, null, fen, activity, null);
        } else {
            p = record(pot.unit(), type, pot.source(), pot.fn(), null, null, null, fen, null, null);
        }
        available.merge(pot, -fen, Math::addExact);
        reversible.add(p);
        return true;
    }

    private String economicCode(FundSource source, ExpenditureKind kind) {
        List<String> pool = source == FundSource.GENERAL_BUDGET && kind == ExpenditureKind.BASIC && !otherPublicClasses
                ? BASIC_QUIET_CODES
                : ECONOMIC_CODES;
        if (r.nextInt(10) < 4) {
            String special = pick(SPECIAL_CODES);
            if (pool.contains(special)) {
                return special;
            }
        }
        return pick(pool);
    }

    private void budget() {
        BudgetStage stage = pick(List.of(BudgetStage.values()));
        List<BudgetLine> positive = budgets.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey)
                .toList();
        if (stage == BudgetStage.DECREASE && positive.isEmpty()) {
            stage = BudgetStage.INITIAL;
        }
        BudgetLine line;
        long fen;
        if (stage == BudgetStage.DECREASE) {
            line = pick(positive);
            fen = partOf(budgets.get(line));
        } else {
            FundSource source = r.nextInt(3) == 0 ? pick(NON_FISCAL) : pick(fiscal);
            int e = r.nextInt(10);
            String ec = e < 3 ? null : e < 7 ? pick(SANGONG_CODES) : pick(ECONOMIC_CODES);
            line = new BudgetLine(unit(), source, pick(items), ec);
            fen = freshAmount();
        }
        Posting p = record(
                line.unit(), PostingType.BUDGET, line.source(), line.fn(), line.ec(), null, stage, fen, null, null);
        budgets.merge(line, stage == BudgetStage.DECREASE ? -fen : fen, Math::addExact);
        reversible.add(p);
    }

    private void procurement() {
        FundSource source = r.nextInt(4) == 0 ? pick(NON_FISCAL) : pick(fiscal);
        boolean sme = r.nextBoolean();
        boolean smallMicro = sme && r.nextBoolean();
        Procurement facts = new Procurement(pick(List.of(Procurement.Category.values())), sme, smallMicro);
        Posting p = record(
                unit(), PostingType.PROCUREMENT, source, pick(items), null, null, null, freshAmount(), null, facts);
        reversible.add(p);
    }

    /** Reverses a random earlier posting that may be reversed without breaking availability; else adds income. */
    private void reversal() {
        List<Posting> candidates = new ArrayList<>(reversible);
        Collections.shuffle(candidates, r);
        for (Posting target : candidates) {
            if (reverse(target)) {
                return;
            }
        }
        add(PostingType.INCOME, pick(NON_FISCAL));
    }

    private boolean reverse(Posting target) {
        long fen = target.amount().fen();
        switch (target.type()) {
            case APPROPRIATION, INCOME, OPENING_BALANCE, FUND_OFFSET -> {
                Pot pot = new Pot(target.unitCode(), target.fundSource(), target.functionalCode());
                if (available.getOrDefault(pot, 0L) < fen) {
                    return false;
                }
                available.merge(pot, -fen, Math::addExact);
            }
            case EXPENDITURE, SURPLUS_DISTRIBUTION ->
                available.merge(
                        new Pot(target.unitCode(), target.fundSource(), target.functionalCode()), fen, Math::addExact);
            case BUDGET -> {
                BudgetLine line = new BudgetLine(
                        target.unitCode(), target.fundSource(), target.functionalCode(), target.economicCode());
                long delta = target.stage() == BudgetStage.DECREASE ? fen : -fen;
                if (budgets.getOrDefault(line, 0L) + delta < 0) {
                    return false;
                }
                budgets.merge(line, delta, Math::addExact);
            }
            case PROCUREMENT -> {}
            case REVERSAL -> throw new AssertionError("reversals are never reversed");
        }
        reversible.remove(target);
        String id = root + "-" + next++;
        postings.add(new Posting(
                id,
                target.sourceSystem(),
                target.unitCode(),
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
                target.postingId(),
                "correction of " + id));
        return true;
    }

    // ------------------------------------------------------------------------------------------------ pieces

    private Posting record(
            String unit,
            PostingType type,
            FundSource source,
            String fn,
            String ec,
            ExpenditureKind kind,
            BudgetStage stage,
            long fen,
            Activity activity,
            Procurement procurement) {
        String id = root + "-" + next++;
        Posting p = new Posting(
                id,
                r.nextInt(4) == 0 ? "treasury-payments" : "gen-" + seed,
                unit,
                YEAR,
                type,
                source,
                fn,
                ec,
                kind,
                stage,
                Money.ofFen(fen),
                LocalDate.ofYearDay(YEAR, 1 + r.nextInt(365)),
                type.name().toLowerCase() + " " + id,
                activity,
                procurement,
                null,
                null);
        postings.add(p);
        return p;
    }

    private String unit() {
        return pick(new ArrayList<>(kinds.keySet()));
    }

    private FundSource anySource() {
        return r.nextBoolean() ? pick(fiscal) : pick(NON_FISCAL);
    }

    /** ≥ 0.01 yuan with fen precision, of very different sizes; some exactly on a 0.005 万元 rounding tie. */
    private long freshAmount() {
        int style = r.nextInt(50);
        if (style == 0) {
            return Money.MAX_POSTING.fen() - r.nextInt(1000);
        }
        if (style < 10) {
            return 1 + r.nextLong(100);
        }
        if (style < 20) {
            return 5_000L * (1 + 2 * r.nextLong(1000)); // odd multiple of 50 yuan: x.xx5 万元
        }
        long bound = 1;
        for (int d = 3 + r.nextInt(9); d > 0; d--) {
            bound *= 10;
        }
        return 1 + r.nextLong(bound);
    }

    /** A part of {@code have} (> 0): all of it, a little, or anything between. */
    private long partOf(long have) {
        return switch (r.nextInt(4)) {
            case 0 -> have;
            case 1 -> 1 + r.nextLong(Math.min(have, 100));
            default -> 1 + r.nextLong(have);
        };
    }

    private <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    // ------------------------------------------------------------------------------------------- projection

    /** The stream's postings followed by a REVERSAL of every posting still in force, latest first. */
    List<Posting> withEverythingReversed() {
        List<Posting> all = new ArrayList<>(postings);
        Set<String> reversed = new java.util.HashSet<>();
        postings.stream().filter(p -> p.type() == PostingType.REVERSAL).forEach(p -> reversed.add(p.reverses()));
        int n = 1;
        for (int i = postings.size() - 1; i >= 0; i--) {
            Posting p = postings.get(i);
            if (p.type() != PostingType.REVERSAL && !reversed.contains(p.postingId())) {
                all.add(new Posting(
                        root + "-undo-" + n++,
                        p.sourceSystem(),
                        p.unitCode(),
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
                        p.postingId(),
                        "undo"));
            }
        }
        return all;
    }

    /** The stream posted twice, the second time under new ids (its reversals naming the second copies). */
    List<Posting> twice() {
        List<Posting> all = new ArrayList<>(postings);
        for (Posting p : postings) {
            all.add(new Posting(
                    p.postingId() + "-bis",
                    p.sourceSystem(),
                    p.unitCode(),
                    p.fiscalYear(),
                    p.type(),
                    p.fundSource(),
                    p.functionalCode(),
                    p.economicCode(),
                    p.expenditureKind(),
                    p.stage(),
                    p.amount(),
                    p.occurredOn(),
                    p.description(),
                    p.activity(),
                    p.procurement(),
                    p.reverses() == null ? null : p.reverses() + "-bis",
                    p.reason()));
        }
        return all;
    }

    /** Each unit's own figures (scope self, without 机关运行经费) after the postings, as the projector builds them. */
    Map<String, Figures> self(List<Posting> stream) {
        Map<String, Figures> self = new LinkedHashMap<>();
        kinds.keySet().forEach(u -> self.put(u, new Figures()));
        Map<String, Posting> byId = new HashMap<>();
        for (Posting p : stream) {
            if (byId.putIfAbsent(p.sourceSystem() + "/" + p.postingId(), p) != null) {
                throw new IllegalStateException("duplicate posting " + p.postingId());
            }
            if (p.type() == PostingType.REVERSAL) {
                Posting reversed =
                        Objects.requireNonNull(byId.get(p.sourceSystem() + "/" + p.reverses()), p.reverses());
                self.get(reversed.unitCode()).apply(CellRouting.contributions(reversed), -1);
            } else {
                self.get(p.unitCode()).apply(CellRouting.contributions(p), 1);
            }
        }
        return self;
    }

    /** Per unit its published scope-self figures: own figures with 机关运行经费 by its kind. */
    Map<String, Figures> selfWithOperatingCosts(Map<String, Figures> self) {
        Map<String, Figures> out = new LinkedHashMap<>();
        self.forEach((u, f) -> out.put(u, f.withOperatingCosts(kinds.get(u))));
        return out;
    }

    /** The department figures of {@code unit}: its own and its descendants', each with 机关运行经费, summed. */
    Figures consolidated(Map<String, Figures> selfWithOps, String unit) {
        List<Figures> parts = new ArrayList<>();
        for (String code : kinds.keySet()) {
            if (isWithin(code, unit)) {
                parts.add(selfWithOps.get(code));
            }
        }
        return Figures.sum(parts);
    }

    boolean isWithin(String code, String ancestor) {
        for (String c = code; c != null; c = parents.get(c)) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Units with descendants (their department differs from their own figures). */
    List<String> departments() {
        return kinds.keySet().stream()
                .filter(u -> u.equals(root) || parents.containsValue(u))
                .toList();
    }

    /** How many postings of each type, for a readable failure message. */
    Map<PostingType, Integer> typeCounts() {
        Map<PostingType, Integer> counts = new TreeMap<>();
        postings.forEach(p -> counts.merge(p.type(), 1, Integer::sum));
        return counts;
    }

    @Override
    public String toString() {
        return "seed " + seed + ": units " + kinds + " parents " + parents + ", " + postings.size() + " postings "
                + typeCounts() + (stateCapital ? ", with STATE_CAPITAL" : "")
                + (otherPublicClasses ? ", general BASIC on 307/309/31x/399" : "");
    }
}
