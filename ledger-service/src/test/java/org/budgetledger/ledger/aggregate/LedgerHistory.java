package org.budgetledger.ledger.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.Staffing;
import org.budgetledger.contract.UnitKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.contract.event.LedgerEvent;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.UnitProfiled;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.posting.domain.PostingDecider;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingInputs;
import org.budgetledger.ledger.posting.domain.TestCatalogues;
import org.budgetledger.ledger.state.LedgerState;

/**
 * Builds the "given" events of a ledger: each posting is decided on the state the previous events left (so that
 * its content hash and event type are those the ledger would record) and must be recorded.
 */
final class LedgerHistory {

    static final Instant EARLIER = Instant.parse("2019-06-01T08:00:00Z");
    static final Recording GIVEN = new Recording(EARLIER, "corr-given", "rest", "test");
    static final UnitProfile PROFILE = new UnitProfile(
            "中共株洲市荷塘区委网络安全和信息化委员会办公室",
            UnitKind.ADMINISTRATIVE,
            null,
            "湖南省株洲市荷塘区",
            new Staffing(3, 3, 3, 0, 0),
            "贯彻执行国家、省、市有关网络安全与信息化建设的方针");

    private final String unit;
    private final int year;
    private final LedgerState state = new LedgerState();
    private final List<LedgerEvent> events = new ArrayList<>();

    private LedgerHistory(String unit, int year) {
        this.unit = unit;
        this.year = year;
    }

    /** A registered ledger: its UnitProfiled (sequence 0). */
    static LedgerHistory profiled(String unit, int year) {
        return new LedgerHistory(unit, year).add(new UnitProfiled(unit, year, PROFILE, GIVEN));
    }

    static LedgerHistory profiled() {
        return profiled(PostingInputs.UNIT, PostingInputs.YEAR);
    }

    String ledgerId() {
        return new LedgerId(unit, year).toString();
    }

    LedgerHistory add(LedgerEvent event) {
        events.add(event);
        state.evolve(event);
        return this;
    }

    LedgerHistory post(PostingInputs... inputs) {
        for (PostingInputs in : inputs) {
            post(in.build());
        }
        return this;
    }

    LedgerHistory post(PostingInput in) {
        PostingDecider.Decision d = PostingDecider.decide(state, unit, year, in, TestCatalogues.SHIPPED, GIVEN);
        if (d.event() == null) {
            throw new IllegalStateException("given posting not recorded: " + d.outcome());
        }
        return add(d.event());
    }

    LedgerHistory closed() {
        return add(new YearClosed(unit, year, List.of(), GIVEN));
    }

    List<Object> events() {
        return List.copyOf(events);
    }

    LedgerState state() {
        return state;
    }

    /** The head of the hash chain these events form (what the ledger computes for events given without links). */
    String chainHead() {
        String head = EventChain.GENESIS;
        long sequence = 0;
        for (LedgerEvent e : events) {
            head = EventChain.link(head, sequence++, e);
        }
        return head;
    }
}
