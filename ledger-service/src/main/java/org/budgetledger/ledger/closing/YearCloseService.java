package org.budgetledger.ledger.closing;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.posting.InternalSources;
import org.budgetledger.ledger.posting.PostingResult;
import org.budgetledger.ledger.posting.PostingService;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.profile.ProfileService;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.stereotype.Service;

/** Close a year: no further postings, and its closing balances opened in the next year. */
@Service
public class YearCloseService {

    public static final String YEAR_CLOSE_SOURCE = InternalSources.YEAR_CLOSE;
    private final CommandGateway commands;
    private final UnitDirectory directory;
    private final ProfileService profiles;
    private final PostingService postings;

    public YearCloseService(
            CommandGateway commands, UnitDirectory directory, ProfileService profiles, PostingService postings) {
        this.commands = commands;
        this.directory = directory;
        this.profiles = profiles;
        this.postings = postings;
    }

    /** What a close did: the closing balances and what became of each next-year opening posting. */
    public record Closing(
            YearClosed closed, String digest, boolean nextYearProfileCarried, List<PostingResult> openings) {}

    /**
     * Closes the year, then records the closing balances as the next year's OPENING_BALANCE postings (source system
     * "year-close", ids listed in the YearClosed event). Repeating the close completes what a crash interrupted:
     * the openings are idempotent postings. The next year's profile is carried over when it has none; a child
     * unit's parent must then have one already (close a department top-down).
     */
    public Closing close(LedgerId ledger, Recording recording) {
        profiles.requireRegistered(ledger);
        LedgerId next = ledger.nextYear();
        boolean carried = false;
        UnitProfile profile = profiles.profile(ledger);
        if (!directory.exists(next)) {
            if (profile.parentUnitCode() != null
                    && directory
                            .parentOf(profile.parentUnitCode(), next.fiscalYear())
                            .isEmpty()) {
                throw ApiException.unprocessable(
                        "parentUnitCode.invalid",
                        "parentUnitCode",
                        "parent unit "
                                + profile.parentUnitCode() + " has no profile for " + next.fiscalYear()
                                + ": register it or close it first, so that this unit's profile can be carried into "
                                + next.fiscalYear());
            }
        }
        Commands.Closed result = commands.sendAndWait(new Commands.CloseYear(ledger.toString(), recording));
        YearClosed closed = result.event();
        if (!directory.exists(next)) {
            profiles.putProfile(next, profile, recording);
            carried = true;
        }
        List<Commands.Submission> openings = new ArrayList<>();
        for (YearClosed.ClosingBalance b : closed.closingBalances()) {
            if (b.openingPostingId() == null) {
                continue;
            }
            PostingInput input = new PostingInput(
                    b.openingPostingId(),
                    YEAR_CLOSE_SOURCE,
                    next.unitCode(),
                    next.fiscalYear(),
                    "OPENING_BALANCE",
                    b.fundSource().name(),
                    b.functionalCode(),
                    null,
                    b.expenditureKind() == null ? null : b.expenditureKind().name(),
                    null,
                    b.amount().toString(),
                    next.fiscalYear() + "-01-01",
                    "年初结转和结余（" + ledger + " 年末结转和结余）",
                    null,
                    null,
                    null,
                    null,
                    List.of());
            openings.add(
                    new Commands.Submission(input, recording.correlationId(), "close:" + ledger, recording.actor()));
        }
        List<PostingResult> results = new ArrayList<>();
        for (int from = 0; from < openings.size(); from += PostingService.MAX_PER_COMMAND) {
            results.addAll(postings.submit(
                    openings.subList(from, Math.min(openings.size(), from + PostingService.MAX_PER_COMMAND)),
                    "year-close"));
        }
        return new Closing(closed, result.digest(), carried, results);
    }
}
