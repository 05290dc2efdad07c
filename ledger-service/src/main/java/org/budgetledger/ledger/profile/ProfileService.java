package org.budgetledger.ledger.profile;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.aggregate.Ledger;
import org.budgetledger.ledger.aggregate.ProfileOutcome;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.posting.LedgerReader;
import org.budgetledger.ledger.profile.domain.ParentRules;
import org.budgetledger.ledger.relay.StreamRegistry;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.stereotype.Service;

/** Profile a unit: its profile for a fiscal year (with the parent rules), and what its ledger holds. */
@Service
public class ProfileService {

    public static final String LEDGER_STREAM = "ledger";
    private final CommandGateway commands;
    private final LedgerReader reader;
    private final UnitDirectory directory;
    private final StreamRegistry registry;
    /** Profile changes are serialized so that two concurrent PUTs cannot form a cycle between them. */
    private final Object profileLock = new Object();

    public ProfileService(
            CommandGateway commands, LedgerReader reader, UnitDirectory directory, StreamRegistry registry) {
        this.commands = commands;
        this.reader = reader;
        this.directory = directory;
        this.registry = registry;
    }

    public ProfileOutcome putProfile(LedgerId ledger, UnitProfile profile, Recording recording) {
        synchronized (profileLock) {
            Optional<String> problem = ParentRules.check(
                    ledger.unitCode(), profile.parentUnitCode(), unit -> directory.parentOf(unit, ledger.fiscalYear()));
            if (problem.isPresent()) {
                throw ApiException.unprocessable("parentUnitCode.invalid", "parentUnitCode", problem.get());
            }
            registry.register(ledger.toString(), LEDGER_STREAM);
            ProfileOutcome outcome =
                    commands.sendAndWait(new Commands.ProfileUnit(ledger.toString(), profile, recording));
            if (outcome == ProfileOutcome.YEAR_CLOSED) {
                throw ApiException.unprocessable(
                        "year.closed",
                        "fiscalYear",
                        "fiscalYear " + ledger.fiscalYear() + " is closed for " + ledger.unitCode()
                                + ": its profile can no longer change");
            }
            directory.record(ledger, profile);
            return outcome;
        }
    }

    public UnitProfile profile(LedgerId ledger) {
        return directory.profile(ledger).orElseThrow(() -> notRegistered(ledger));
    }

    public Commands.LedgerSummary describe(LedgerId ledger) {
        requireRegistered(ledger);
        return reader.read(ledger.toString(), Ledger::summary);
    }

    public void requireRegistered(LedgerId ledger) {
        if (!directory.exists(ledger)) {
            throw notRegistered(ledger);
        }
    }

    public static ApiException notRegistered(LedgerId ledger) {
        return ApiException.notFound(
                "unit.not_registered", ledger.unitCode() + " has no unit profile for " + ledger.fiscalYear());
    }
}
