package org.budgetledger.ledger.posting.domain;

import static org.budgetledger.ledger.posting.domain.PostingRule.*;

import java.util.Optional;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.event.AppropriationRecorded;
import org.budgetledger.contract.event.BudgetRecorded;
import org.budgetledger.contract.event.ExpenditureRecorded;
import org.budgetledger.contract.event.FundOffsetRecorded;
import org.budgetledger.contract.event.IncomeRecorded;
import org.budgetledger.contract.event.OpeningBalanceRecorded;
import org.budgetledger.contract.event.PostingRecorded;
import org.budgetledger.contract.event.PostingReversed;
import org.budgetledger.contract.event.ProcurementRecorded;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.SurplusDistributionRecorded;
import org.budgetledger.ledger.state.LedgerState;
import org.budgetledger.ledger.state.PostingIndex;

/**
 * Decides one posting against a ledger's state: either the event to record or why not. Pure: it reads the state,
 * never changes it. Order: idempotency (a known id is a duplicate or a conflict whatever else it carries), the ledger
 * (registered, open), the stateless rules, then reversal and availability. Identity and routing were checked before
 * the posting was sent to its ledger, once; here they are only asserted.
 */
public final class PostingDecider {

    private PostingDecider() {}

    /**
     * The service refused a posting with a malformed identity or for another ledger before it sent it here
     * (PostingService, with {@link PostingValidator#checkIdentity} and {@link PostingValidator#checkLedger}): one that
     * arrives anyway is a bug, asserted, never answered as a rule.
     */
    private static void requireRouted(PostingInput in, String ledgerUnit, int ledgerYear) {
        if (PostingValidator.checkIdentity(in).isPresent()) {
            throw new IllegalArgumentException("posting " + in.postingId() + " of " + in.sourceSystem()
                    + " reached ledger " + ledgerUnit + ":" + ledgerYear + " with a malformed identity");
        }
        if (!ledgerUnit.equals(in.unitCode()) || in.fiscalYear() == null || ledgerYear != in.fiscalYear()) {
            throw new IllegalArgumentException(
                    "posting " + in.postingId() + " routed to the wrong ledger " + ledgerUnit + ":" + ledgerYear);
        }
    }

    /** Exactly one of event and outcome is set. */
    public record Decision(PostingRecorded event, PostingOutcome outcome) {}

    public static Decision decide(
            LedgerState state,
            String ledgerUnit,
            int ledgerYear,
            PostingInput in,
            Catalogues catalogues,
            Recording recording) {
        requireRouted(in, ledgerUnit, ledgerYear);
        String hash = PostingContent.hash(in);
        Optional<PostingIndex.Entry> known = state.posting(in.sourceSystem(), in.postingId());
        if (known.isPresent()) {
            return known.get().hash() == PostingIndex.parseHash(hash)
                    ? new Decision(null, PostingOutcome.duplicate(in.postingId()))
                    : new Decision(
                            null,
                            PostingOutcome.conflict(
                                    in.postingId(),
                                    "postingId " + in.postingId() + " of sourceSystem " + in.sourceSystem()
                                            + " was already recorded with different content"));
        }
        if (!state.registered()) {
            return reject(in, UNIT_NOT_REGISTERED.violation(ledgerUnit + " in " + ledgerYear));
        }
        if (state.closed()) {
            return reject(in, YEAR_CLOSED.violation(String.valueOf(ledgerYear)));
        }
        if (state.imported() != null) {
            // 409, as for a key recorded with other content: the ledger holds something else in its place
            return new Decision(
                    null,
                    PostingOutcome.conflicting(in.postingId(), YEAR_IMPORTED.violation(String.valueOf(ledgerYear))));
        }
        PostingValidator.Checked checked = PostingValidator.validateContent(in, catalogues);
        if (!checked.valid()) {
            return reject(in, checked.violation());
        }
        Posting posting = checked.posting();
        if (posting.type() == PostingType.REVERSAL) {
            return decideReversal(state, posting, hash, recording);
        }
        if (!state.canMove(
                posting.type(),
                posting.fundSource(),
                posting.functionalCode(),
                posting.expenditureKind(),
                posting.amount().fen())) {
            return reject(in, LEDGER_TOTAL_OVERFLOW.violation(posting.amount().toString()));
        }
        if (posting.type().availabilityEffect() < 0) {
            Money left = state.available(posting.fundSource()).minus(posting.amount());
            if (left.isNegative()) {
                return reject(
                        in,
                        INSUFFICIENT_FUNDS.violation(
                                posting.fundSource() + " has " + state.available(posting.fundSource())
                                        + " available, the posting needs " + posting.amount()));
            }
        }
        return new Decision(recorded(posting, hash, recording), null);
    }

    private static Decision decideReversal(LedgerState state, Posting reversal, String hash, Recording recording) {
        Optional<PostingIndex.Entry> target = state.posting(reversal.sourceSystem(), reversal.reverses());
        if (target.isEmpty()) {
            return reject(reversal.postingId(), REVERSES_UNKNOWN.violation(reversal.reverses()));
        }
        PostingIndex.Entry t = target.get();
        if (t.type() == PostingType.REVERSAL) {
            return reject(reversal.postingId(), REVERSES_A_REVERSAL.violation(reversal.reverses()));
        }
        if (t.reversed()) {
            return reject(reversal.postingId(), REVERSES_ALREADY_REVERSED.violation(reversal.reverses()));
        }
        if (!state.canMove(t.type(), t.fundSource(), t.functionalCode(), t.kind(), -t.amountFen())) {
            return reject(reversal.postingId(), LEDGER_TOTAL_OVERFLOW.violationOf("reverses", reversal.reverses()));
        }
        if (t.type().availabilityEffect() > 0) {
            Money left = state.available(t.fundSource()).minus(Money.ofFen(t.amountFen()));
            if (left.isNegative()) {
                return reject(
                        reversal.postingId(),
                        REVERSAL_OVERDRAWS.violation(t.fundSource() + " has " + state.available(t.fundSource())
                                + " available, the reversal takes back " + Money.ofFen(t.amountFen())));
            }
        }
        return new Decision(
                new PostingReversed(
                        reversal,
                        hash,
                        reversal.reverses(),
                        t.type(),
                        t.fundSource(),
                        Money.ofFen(t.amountFen()),
                        recording),
                null);
    }

    private static PostingRecorded recorded(Posting p, String hash, Recording r) {
        return switch (p.type()) {
            case APPROPRIATION -> new AppropriationRecorded(p, hash, r);
            case INCOME -> new IncomeRecorded(p, hash, r);
            case EXPENDITURE -> new ExpenditureRecorded(p, hash, r);
            case OPENING_BALANCE -> new OpeningBalanceRecorded(p, hash, r);
            case BUDGET -> new BudgetRecorded(p, hash, r);
            case PROCUREMENT -> new ProcurementRecorded(p, hash, r);
            case FUND_OFFSET -> new FundOffsetRecorded(p, hash, r);
            case SURPLUS_DISTRIBUTION -> new SurplusDistributionRecorded(p, hash, r);
            case REVERSAL -> throw new IllegalArgumentException("a reversal is decided by decideReversal");
        };
    }

    private static Decision reject(PostingInput in, Violation v) {
        return reject(in.postingId(), v);
    }

    private static Decision reject(String postingId, Violation v) {
        return new Decision(null, PostingOutcome.rejected(postingId, v));
    }
}
