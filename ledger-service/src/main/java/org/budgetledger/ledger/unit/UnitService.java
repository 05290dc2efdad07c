package org.budgetledger.ledger.unit;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.posting.InternalSources;
import org.budgetledger.ledger.posting.PostingResult;
import org.budgetledger.ledger.posting.LedgerReader;
import org.budgetledger.ledger.posting.PostingService;
import org.budgetledger.ledger.posting.domain.Ledger;
import org.budgetledger.ledger.posting.domain.Commands;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.ProfileOutcome;
import org.budgetledger.ledger.relay.StreamRegistry;
import org.budgetledger.ledger.posting.domain.Catalogues;
import org.budgetledger.ledger.unit.domain.NarrativeRules;
import org.budgetledger.ledger.unit.domain.ParentRules;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Unit profiles (with the parent rules), narrative text and the year close. */
@Service
public class UnitService {

    public static final String LEDGER_STREAM = "ledger";
    public static final String YEAR_CLOSE_SOURCE = InternalSources.YEAR_CLOSE;
    private final CommandGateway commands;
    private final LedgerReader reader;
    private final UnitDirectory directory;
    private final StreamRegistry registry;
    private final PostingService postings;
    private final Clock clock;
    private final Catalogues catalogues;
    /** Profile changes are serialized so that two concurrent PUTs cannot form a cycle between them. */
    private final Object profileLock = new Object();

    public UnitService(CommandGateway commands, LedgerReader reader, UnitDirectory directory, StreamRegistry registry,
                       PostingService postings, Clock clock, Catalogues catalogues) {
        this.commands = commands;
        this.reader = reader;
        this.directory = directory;
        this.registry = registry;
        this.postings = postings;
        this.clock = clock;
        this.catalogues = catalogues;
    }

    public ProfileOutcome putProfile(LedgerId ledger, UnitProfile profile, Recording recording) {
        synchronized (profileLock) {
            Optional<String> problem = ParentRules.check(ledger.unitCode(), profile.parentUnitCode(),
                    unit -> directory.parentOf(unit, ledger.fiscalYear()));
            if (problem.isPresent()) {
                throw ApiException.unprocessable("parentUnitCode.invalid", "parentUnitCode", problem.get());
            }
            registry.register(ledger.toString(), LEDGER_STREAM);
            ProfileOutcome outcome = commands.sendAndWait(new Commands.ProfileUnit(ledger.toString(), profile, recording));
            if (outcome == ProfileOutcome.YEAR_CLOSED) {
                throw ApiException.unprocessable("year.closed", "fiscalYear", "fiscalYear " + ledger.fiscalYear()
                        + " is closed for " + ledger.unitCode() + ": its profile can no longer change");
            }
            directory.record(ledger, profile);
            return outcome;
        }
    }

    public UnitProfile profile(LedgerId ledger) {
        return directory.profile(ledger).orElseThrow(() -> notRegistered(ledger));
    }

    /**
     * Records the free text, after {@link NarrativeRules}: an unknown key, or a 项 reason for a code the year's
     * catalogue lacks, is refused; a key that cannot print as things stand is recorded with a warning.
     */
    public List<NarrativeRules.Warning> putNarrative(LedgerId ledger, Map<String, String> sections, Recording recording) {
        requireRegistered(ledger);
        LedgerId previous = new LedgerId(ledger.unitCode(), ledger.fiscalYear() - 1);
        NarrativeRules.Context context = new NarrativeRules.Context(ledger.fiscalYear(), hasFigures(previous),
                code -> catalogues.of(ledger.fiscalYear(), CatalogueKind.FUNCTIONAL).map(c -> c.contains(code)).orElse(false));
        NarrativeRules.Outcome outcome = NarrativeRules.check(sections, context);
        outcome.problem().ifPresent(p -> {
            throw ApiException.unprocessable(p.code(), p.field(), p.message());
        });
        boolean recorded = commands.sendAndWait(new Commands.RecordNarrative(ledger.toString(), sections, recording));
        if (!recorded) {
            throw ApiException.unprocessable("year.closed", "fiscalYear", "fiscalYear " + ledger.fiscalYear() + " is closed for " + ledger.unitCode());
        }
        return outcome.warnings();
    }

    /** Whether the year holds postings or imported published figures (registered and empty: nothing to compare with). */
    private boolean hasFigures(LedgerId ledger) {
        if (!directory.exists(ledger)) {
            return false;
        }
        Commands.LedgerSummary summary = reader.read(ledger.toString(), Ledger::summary);
        return summary.postings() > 0 || summary.imported() != null;
    }

    public Commands.LedgerSummary describe(LedgerId ledger) {
        requireRegistered(ledger);
        return reader.read(ledger.toString(), Ledger::summary);
    }

    /** What a close did: the closing balances and what became of each next-year opening posting. */
    public record Closing(YearClosed closed, String digest, boolean nextYearProfileCarried, List<PostingResult> openings) {
    }

    /**
     * Closes the year, then records the closing balances as the next year's OPENING_BALANCE postings (source system
     * "year-close", ids listed in the YearClosed event). Repeating the close completes what a crash interrupted:
     * the openings are idempotent postings. The next year's profile is carried over when it has none; a child
     * unit's parent must then have one already (close a department top-down).
     */
    public Closing close(LedgerId ledger, Recording recording) {
        requireRegistered(ledger);
        LedgerId next = ledger.nextYear();
        boolean carried = false;
        UnitProfile profile = profile(ledger);
        if (!directory.exists(next)) {
            if (profile.parentUnitCode() != null && directory.parentOf(profile.parentUnitCode(), next.fiscalYear()).isEmpty()) {
                throw ApiException.unprocessable("parentUnitCode.invalid", "parentUnitCode", "parent unit "
                        + profile.parentUnitCode() + " has no profile for " + next.fiscalYear()
                        + ": register it or close it first, so that this unit's profile can be carried into " + next.fiscalYear());
            }
        }
        Commands.Closed result = commands.sendAndWait(new Commands.CloseYear(ledger.toString(), recording));
        YearClosed closed = result.event();
        if (!directory.exists(next)) {
            putProfile(next, profile, recording);
            carried = true;
        }
        List<Commands.Submission> openings = new ArrayList<>();
        for (YearClosed.ClosingBalance b : closed.closingBalances()) {
            if (b.openingPostingId() == null) {
                continue;
            }
            PostingInput input = new PostingInput(b.openingPostingId(), YEAR_CLOSE_SOURCE, next.unitCode(), next.fiscalYear(),
                    "OPENING_BALANCE", b.fundSource().name(), b.functionalCode(), null,
                    b.expenditureKind() == null ? null : b.expenditureKind().name(), null, b.amount().toString(),
                    next.fiscalYear() + "-01-01", "年初结转和结余（" + ledger + " 年末结转和结余）", null, null, null, null, List.of());
            openings.add(new Commands.Submission(input, recording.correlationId(), "close:" + ledger));
        }
        List<PostingResult> results = new ArrayList<>();
        for (int from = 0; from < openings.size(); from += PostingService.MAX_PER_COMMAND) {
            results.addAll(postings.submit(openings.subList(from, Math.min(openings.size(), from + PostingService.MAX_PER_COMMAND)), "year-close"));
        }
        return new Closing(closed, result.digest(), carried, results);
    }

    private void requireRegistered(LedgerId ledger) {
        if (!directory.exists(ledger)) {
            throw notRegistered(ledger);
        }
    }

    private static ApiException notRegistered(LedgerId ledger) {
        return ApiException.notFound("unit.not_registered", ledger.unitCode() + " has no unit profile for " + ledger.fiscalYear());
    }

    public Clock clock() {
        return clock;
    }
}
