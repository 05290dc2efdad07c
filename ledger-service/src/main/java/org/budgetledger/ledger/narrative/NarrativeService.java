package org.budgetledger.ledger.narrative;

import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.aggregate.Ledger;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.narrative.domain.NarrativeRules;
import org.budgetledger.ledger.posting.LedgerReader;
import org.budgetledger.ledger.posting.domain.Catalogues;
import org.budgetledger.ledger.profile.ProfileService;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.stereotype.Service;

/** The unit's own words for its 情况说明: checked against {@link NarrativeRules}, recorded in its ledger. */
@Service
public class NarrativeService {

    private final CommandGateway commands;
    private final LedgerReader reader;
    private final UnitDirectory directory;
    private final ProfileService profiles;
    private final Catalogues catalogues;

    public NarrativeService(
            CommandGateway commands,
            LedgerReader reader,
            UnitDirectory directory,
            ProfileService profiles,
            Catalogues catalogues) {
        this.commands = commands;
        this.reader = reader;
        this.directory = directory;
        this.profiles = profiles;
        this.catalogues = catalogues;
    }

    /**
     * Records the free text, after {@link NarrativeRules}: an unknown key, or a 项 reason for a code the year's
     * catalogue lacks, is refused; a key that cannot print as things stand is recorded with a warning.
     */
    public List<NarrativeRules.Warning> putNarrative(
            LedgerId ledger, Map<String, String> sections, Recording recording) {
        profiles.requireRegistered(ledger);
        LedgerId previous = new LedgerId(ledger.unitCode(), ledger.fiscalYear() - 1);
        NarrativeRules.Context context = new NarrativeRules.Context(
                ledger.fiscalYear(),
                hasFigures(previous),
                code -> catalogues
                        .of(ledger.fiscalYear(), CatalogueKind.FUNCTIONAL)
                        .map(c -> c.contains(code))
                        .orElse(false));
        NarrativeRules.Outcome outcome = NarrativeRules.check(sections, context);
        outcome.problem().ifPresent(p -> {
            throw ApiException.unprocessable(p.code(), p.field(), p.message());
        });
        boolean recorded = commands.sendAndWait(new Commands.RecordNarrative(ledger.toString(), sections, recording));
        if (!recorded) {
            throw ApiException.unprocessable(
                    "year.closed",
                    "fiscalYear",
                    "fiscalYear " + ledger.fiscalYear() + " is closed for " + ledger.unitCode());
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
}
