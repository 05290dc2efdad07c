package org.budgetledger.ledger.publication;

import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.event.PublicationRecorded;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.aggregate.Ledger;
import org.budgetledger.ledger.posting.LedgerReader;
import org.budgetledger.ledger.profile.ProfileService;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Use case: record that a unit's disclosure was published. The projection computed the cells and their digest at
 * positions it had applied; the ledger keeps that fact in the unit's hash chain, where a rebuild finds it again.
 */
@Service
public class PublicationService {

    /** A note is a line of context for an auditor, not a document. */
    public static final int NOTE_MAX = 2_000;

    private final CommandGateway commands;
    private final LedgerReader reader;
    private final ProfileService profiles;

    public PublicationService(CommandGateway commands, LedgerReader reader, ProfileService profiles) {
        this.commands = commands;
        this.reader = reader;
        this.profiles = profiles;
    }

    /** What the projection asks to record; validated here, field by field, before the ledger sees it. */
    public record Request(Map<String, Long> positions, String digest, int cellCount, String note) {}

    public Commands.Published publish(LedgerId ledger, Request request, Recording recording) {
        profiles.requireRegistered(ledger);
        validate(ledger, request);
        String id = "pub-" + UUID.randomUUID();
        return commands.sendAndWait(new Commands.RecordPublication(
                ledger.toString(),
                id,
                request.positions(),
                request.digest(),
                request.cellCount(),
                request.note(),
                recording));
    }

    private static boolean sameYear(String member, int fiscalYear) {
        try {
            return LedgerId.parse(member).fiscalYear() == fiscalYear;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void validate(LedgerId ledger, Request request) {
        if (request.digest() == null
                || !PublicationRecorded.DIGEST.matcher(request.digest()).matches()) {
            throw ApiException.unprocessable(
                    "digest.format", "digest", "digest must be a SHA-256 in lower-case hex (64 characters)");
        }
        if (request.cellCount() < 0) {
            throw ApiException.unprocessable("field.range", "cellCount", "cellCount must be 0 or more");
        }
        if (request.note() != null && request.note().length() > NOTE_MAX) {
            throw ApiException.unprocessable(
                    "field.length", "note", "note must be at most " + NOTE_MAX + " characters");
        }
        request.positions().forEach((member, position) -> {
            if (!sameYear(member, ledger.fiscalYear())) {
                throw ApiException.unprocessable(
                        "field.format",
                        "positions." + member,
                        "positions must name ledgers UNIT:" + ledger.fiscalYear());
            }
            if (position == null || position < 0) {
                throw ApiException.unprocessable(
                        "field.range", "positions." + member, "positions." + member + " must be 0 or more");
            }
        });
        long next = reader.read(ledger.toString(), Ledger::summary).nextSequence();
        Long own = request.positions().get(ledger.toString());
        if (own == null || own > next) {
            throw ApiException.unprocessable(
                    "position.ahead",
                    "positions." + ledger,
                    "positions." + ledger + " must be given and at most " + next + " (the events the ledger holds)");
        }
    }
}
