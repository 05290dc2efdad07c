package org.budgetledger.ledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.relay.Envelopes;
import org.budgetledger.ledger.relay.StoredEvents;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/ledgers/{unitCode}/{fiscalYear}")
@Tag(name = "Audit", description = "Tamper evidence of a ledger's history and its export for audit tools")
public class LedgerAuditController {

    private final ChainVerifier verifier;
    private final StoredEvents stored;
    private final UnitDirectory directory;
    private final ObjectMapper mapper = Json.newMapper();
    private final Envelopes envelopes = new Envelopes();

    public LedgerAuditController(ChainVerifier verifier, StoredEvents stored, UnitDirectory directory) {
        this.verifier = verifier;
        this.stored = stored;
        this.directory = directory;
    }

    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "verifyLedger",
            summary = "Recompute the ledger's hash chain from the event store and report the first broken link",
            description =
                    "With digest (e.g. the one a year close answered), also say whether that digest is still a link of the chain.")
    public ChainVerifier.Verification verify(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(required = false) String digest) {
        return verifier.verify(ledger(unitCode, fiscalYear), digest);
    }

    @GetMapping(path = "/events", produces = "application/x-ndjson")
    @Operation(
            operationId = "exportLedgerHistory",
            summary = "The ledger's full history as JSON Lines, one event per line with its hash and previous hash",
            description =
                    "Each line: {stream, sequence, eventId, type, recordedAt, payload, hash, previousHash}, in sequence "
                            + "order from 0. hash = SHA-256 (lower-case hex) of the UTF-8 text previousHash|sequence|type|payload, the "
                            + "payload in canonical form (object keys sorted, no white space); the first previousHash is 64 zeros. "
                            + "docs/HASH-CHAIN.md gives the recipe exactly, and bin/verify-chain checks an export with it.")
    public void events(@PathVariable String unitCode, @PathVariable int fiscalYear, HttpServletResponse response)
            throws IOException {
        String ledger = ledger(unitCode, fiscalYear);
        response.setContentType("application/x-ndjson");
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"" + ledger.replace(':', '-') + "-events.jsonl\"");
        OutputStream out = response.getOutputStream();
        for (var event : stored.history(ledger, ChainVerifier.MAX_EVENTS)) {
            out.write(mapper.writeValueAsBytes(envelopes.envelope(event)));
            out.write('\n');
        }
        out.flush();
    }

    private String ledger(String unitCode, int fiscalYear) {
        LedgerId id;
        try {
            id = new LedgerId(unitCode, fiscalYear);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("path", "unitCode", e.getMessage());
        }
        if (!directory.exists(id)) {
            throw ApiException.notFound("unit.not_registered", unitCode + " has no unit profile for " + fiscalYear);
        }
        return id.toString();
    }
}
