package org.budgetledger.ledger.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.PostingRecorded;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.relay.StoredEvents;
import org.springframework.stereotype.Component;

/**
 * Which codes of a year's catalogue recorded postings use, read from the event store itself (every ledger of the year,
 * every posting event): what a catalogue import asks before it removes a code. A code counts as used when a posting
 * names it or a code under it. Reversed postings count too: their events stay in the history, and the disclosure
 * of the year still prints their codes' names in the audit trail.
 */
@Component
public class CodeUsage {

    /** More events than this in one year, and the question is refused rather than answered in minutes. */
    static final long MAX_EVENTS = 5_000_000;

    static final int MAX_UNITS = 100_000;

    /** The first posting found using a code: where, and which. */
    public record Use(String ledger, String postingId) {}

    private final UnitDirectory units;
    private final StoredEvents stored;
    private final ObjectMapper mapper = Json.newMapper();

    public CodeUsage(UnitDirectory units, StoredEvents stored) {
        this.units = units;
        this.stored = stored;
    }

    /** Of these codes, those a recorded posting of the year uses, each with a posting that does. */
    public Map<String, Use> used(int fiscalYear, CatalogueKind kind, Collection<String> codes) {
        Map<String, Use> used = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return used;
        }
        long read = 0;
        for (String unit : units.profiles(fiscalYear, MAX_UNITS).keySet()) {
            String ledger = new LedgerId(unit, fiscalYear).toString();
            for (StoredEvents.StoredEvent e : stored.history(ledger, MAX_EVENTS)) {
                if (++read > MAX_EVENTS) {
                    throw new IllegalStateException(
                            "the year holds more than " + MAX_EVENTS + " events: too many to check one by one");
                }
                if (isPosting(e.type())) {
                    JsonNode posting = posting(e);
                    String code = posting.path(kind == CatalogueKind.FUNCTIONAL ? "functionalCode" : "economicCode")
                            .asText("");
                    for (String candidate : codes) {
                        if (!code.isEmpty() && code.startsWith(candidate) && !used.containsKey(candidate)) {
                            used.put(
                                    candidate,
                                    new Use(ledger, posting.path("postingId").asText()));
                        }
                    }
                }
            }
        }
        return used;
    }

    private static boolean isPosting(String type) {
        return LedgerEvents.byName(type)
                .map(PostingRecorded.class::isAssignableFrom)
                .orElse(false);
    }

    private JsonNode posting(StoredEvents.StoredEvent e) {
        try {
            return mapper.readTree(e.currentPayloadJson()).path("posting");
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("stored event " + e.stream() + "/" + e.sequence() + " is not JSON", ex);
        }
    }
}
