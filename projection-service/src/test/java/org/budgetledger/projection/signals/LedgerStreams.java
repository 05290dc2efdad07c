package org.budgetledger.projection.signals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.AppropriationRecorded;
import org.budgetledger.contract.event.BudgetRecorded;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.contract.event.ExpenditureRecorded;
import org.budgetledger.contract.event.FundOffsetRecorded;
import org.budgetledger.contract.event.IncomeRecorded;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.OpeningBalanceRecorded;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.ProcurementRecorded;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.SurplusDistributionRecorded;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.testkit.Fixtures;

/**
 * The ledger.events a ledger service would publish for what a test does: profiles, postings (each recorded one
 * millisecond after the one before, from a start the test chooses) and closes, per stream in sequence order.
 */
final class LedgerStreams {

    private final ObjectMapper mapper = Json.newMapper();
    private final Map<String, Long> next = new HashMap<>();
    private final Map<String, Posting> recorded = new HashMap<>();
    final List<EventEnvelope> events = new ArrayList<>();
    private Instant clock;

    LedgerStreams(Instant start) {
        this.clock = start;
    }

    LedgerStreams at(Instant now) {
        clock = now;
        return this;
    }

    /** Every unit's profile and every posting of a testkit fixture, in its order. */
    LedgerStreams fixture(String name) {
        Fixtures fx = Fixtures.of(name);
        for (JsonNode unit : fx.units()) {
            profile(
                    unit.get("unitCode").asText(),
                    unit.get("fiscalYear").asInt(),
                    read(unit.get("profile"), UnitProfile.class));
        }
        fx.postings().forEach(node -> post(read(node, Posting.class)));
        return this;
    }

    LedgerStreams profile(String unitCode, int fiscalYear, UnitProfile profile) {
        return add(unitCode, fiscalYear, new UnitProfiled(unitCode, fiscalYear, profile, recording()));
    }

    LedgerStreams post(Posting p) {
        recorded.put(p.sourceSystem() + "|" + p.postingId(), p);
        return add(p.unitCode(), p.fiscalYear(), recordedEvent(p));
    }

    LedgerStreams close(String unitCode, int fiscalYear) {
        return add(unitCode, fiscalYear, new YearClosed(unitCode, fiscalYear, List.of(), recording()));
    }

    /** When the last event was recorded. */
    Instant last() {
        return events.get(events.size() - 1).recordedAt();
    }

    private LedgerStreams add(String unitCode, int fiscalYear, LedgerEvent event) {
        String stream = unitCode + ":" + fiscalYear;
        long sequence = next.merge(stream, 1L, Long::sum) - 1;
        events.add(new EventEnvelope(
                stream,
                sequence,
                "e-" + stream + "-" + sequence,
                LedgerEvents.nameOf(event.getClass()),
                event.recording().recordedAt(),
                mapper.valueToTree(event),
                null,
                null,
                null));
        return this;
    }

    private Recording recording() {
        Instant now = clock;
        clock = clock.plus(Duration.ofMillis(1));
        return new Recording(now, "c-" + events.size(), "test", "test");
    }

    private LedgerEvent recordedEvent(Posting p) {
        String hash = "h-" + p.postingId();
        Recording r = recording();
        return switch (p.type()) {
            case APPROPRIATION -> new AppropriationRecorded(p, hash, r);
            case INCOME -> new IncomeRecorded(p, hash, r);
            case EXPENDITURE -> new ExpenditureRecorded(p, hash, r);
            case OPENING_BALANCE -> new OpeningBalanceRecorded(p, hash, r);
            case BUDGET -> new BudgetRecorded(p, hash, r);
            case PROCUREMENT -> new ProcurementRecorded(p, hash, r);
            case FUND_OFFSET -> new FundOffsetRecorded(p, hash, r);
            case SURPLUS_DISTRIBUTION -> new SurplusDistributionRecorded(p, hash, r);
            case REVERSAL -> {
                Posting reversed = recorded.get(p.sourceSystem() + "|" + p.reverses());
                yield new PostingReversed(
                        p, hash, p.reverses(), reversed.type(), reversed.fundSource(), reversed.amount(), r);
            }
        };
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
