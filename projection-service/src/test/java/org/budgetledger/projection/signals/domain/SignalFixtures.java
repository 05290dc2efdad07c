package org.budgetledger.projection.signals.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.projection.finalaccounts.Contributions;
import org.budgetledger.projection.finalaccounts.domain.Cells;
import org.budgetledger.projection.finalaccounts.domain.Figures;
import org.budgetledger.testkit.Fixtures;

/**
 * Given-entries fixtures for the detectors: postings, ledgers recorded at chosen instants (their own figures computed
 * as the projection does, facts included), and inputs over them.
 */
final class SignalFixtures {

    static final String UNIT = "SG-1";
    static final int YEAR = 2024;
    static final String SOURCE = "treasury-payments";
    private static final ObjectMapper MAPPER = Json.newMapper();

    private SignalFixtures() {}

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static Posting expenditure(String id, String amount, String occurredOn, String economicCode) {
        return posting(id, PostingType.EXPENDITURE, "2013701", economicCode, null, amount, occurredOn);
    }

    static Posting appropriation(String id, String amount, String occurredOn) {
        return posting(id, PostingType.APPROPRIATION, "2013701", null, null, amount, occurredOn);
    }

    static Posting budget(String id, String functionalCode, String economicCode, BudgetStage stage, String amount) {
        return posting(id, PostingType.BUDGET, functionalCode, economicCode, stage, amount, YEAR + "-01-01");
    }

    static Posting posting(
            String id,
            PostingType type,
            String functionalCode,
            String economicCode,
            BudgetStage stage,
            String amount,
            String occurredOn) {
        return new Posting(
                id,
                SOURCE,
                UNIT,
                YEAR,
                type,
                FundSource.GENERAL_BUDGET,
                functionalCode,
                economicCode,
                type == PostingType.EXPENDITURE ? ExpenditureKind.BASIC : null,
                stage,
                Money.parse(amount),
                LocalDate.parse(occurredOn),
                null,
                null,
                null,
                null,
                null);
    }

    static Posting reversal(String id, String reverses) {
        return new Posting(
                id,
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
                reverses,
                "wrong");
    }

    /** One unit's ledger of the year, event by event: each posting at its recording instant, in sequence order. */
    static final class Ledger {
        final String unitCode;
        final int fiscalYear;
        final List<Entry> entries = new ArrayList<>();
        final Map<String, Posting> byId = new HashMap<>();
        final Figures figures = new Figures();
        final List<UnitLedger.PastYear> past = new ArrayList<>();
        long sequence = 1; // 0: the profile
        UnitLedger.Closing closing;

        Ledger(String unitCode, int fiscalYear) {
            this.unitCode = unitCode;
            this.fiscalYear = fiscalYear;
        }

        Ledger() {
            this(UNIT, YEAR);
        }

        Ledger record(Posting p, Instant at) {
            if (p.type() == PostingType.REVERSAL) {
                Posting reversed = byId.get(p.reverses());
                entries.add(new Entry(unitCode, sequence++, at, p, reversed));
                figures.apply(Contributions.of(reversed), -1);
            } else {
                entries.add(new Entry(unitCode, sequence++, at, p, null));
                byId.put(p.postingId(), p);
                figures.apply(Contributions.of(p), 1);
            }
            return this;
        }

        Ledger close(Instant at) {
            closing = new UnitLedger.Closing(at, sequence++);
            return this;
        }

        Ledger earlier(int year, Ledger ledger) {
            past.add(new UnitLedger.PastYear(year, Cells.copyOf(ledger.figures.fen())));
            return this;
        }

        UnitLedger build() {
            return new UnitLedger(unitCode, fiscalYear, closing, false, entries, Cells.copyOf(figures.fen()), past);
        }
    }

    /** Scope self: the figures are the unit's own. */
    static SignalInput self(Ledger ledger, SignalThresholds thresholds) {
        return new SignalInput(
                ledger.unitCode,
                ledger.fiscalYear,
                SignalInput.SELF,
                Cells.copyOf(ledger.figures.fen()),
                List.of(ledger.build()),
                thresholds,
                null);
    }

    static SignalInput self(Ledger ledger) {
        return self(ledger, SignalThresholds.DEFAULTS);
    }

    /**
     * A fixture of testkit loaded the way an upstream system would load it, every posting recorded at {@code loadedAt}
     * (plus a microsecond per posting), consolidated over its units as the department's figures.
     */
    static SignalInput loaded(String fixture, Instant loadedAt) {
        Fixtures fx = Fixtures.of(fixture);
        Map<String, Ledger> ledgers = new LinkedHashMap<>();
        String root = null;
        for (JsonNode unit : fx.units()) {
            String code = unit.get("unitCode").asText();
            root = root == null ? code : root;
            ledgers.put(code, new Ledger(code, unit.get("fiscalYear").asInt()));
        }
        int n = 0;
        for (JsonNode node : fx.postings()) {
            Posting p = posting(node);
            ledgers.get(p.unitCode()).record(p, loadedAt.plusNanos(1_000L * n++));
        }
        Figures department =
                Figures.sum(ledgers.values().stream().map(l -> l.figures).toList());
        return new SignalInput(
                root,
                ledgers.get(root).fiscalYear,
                SignalInput.DEPARTMENT,
                Cells.copyOf(department.fen()),
                ledgers.values().stream().map(Ledger::build).toList(),
                SignalThresholds.DEFAULTS,
                null);
    }

    static Posting posting(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, Posting.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
