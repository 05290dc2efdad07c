package org.budgetledger.ledger.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.event.FiguresImported;
import org.budgetledger.contract.event.LedgerEvents;
import org.budgetledger.contract.event.PostingRecorded;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.relay.StoredEvents;
import org.springframework.stereotype.Component;

/**
 * Which codes of a year's catalogue recorded postings use, read from the event store itself (every ledger of the year,
 * every posting event, and the cells of imported figures, whose keys hold codes): what a catalogue import asks before
 * it removes a code. A code counts as used when a posting or a cell names it or a code under it. Reversed postings count too: their events stay in the history, and the disclosure
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

    /** Of these codes, those a recorded posting (or imported figure) of the year uses, each with where. */
    public Map<String, Use> used(int fiscalYear, CatalogueKind kind, Collection<String> codes) {
        Map<String, Use> used = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return used;
        }
        Set<String> ledgerUnits = units.profiles(fiscalYear, MAX_UNITS + 1).keySet();
        if (ledgerUnits.size() > MAX_UNITS) { // never a partial answer: a code unseen would be taken for unused
            throw new IllegalStateException("the year has more than " + MAX_UNITS + " units: too many to check");
        }
        long read = 0;
        for (String unit : ledgerUnits) {
            String ledger = new LedgerId(unit, fiscalYear).toString();
            for (StoredEvents.StoredEvent e : stored.history(ledger, MAX_EVENTS)) {
                if (++read > MAX_EVENTS) {
                    throw new IllegalStateException(
                            "the year holds more than " + MAX_EVENTS + " events: too many to check one by one");
                }
                if (isPosting(e.type())) {
                    JsonNode posting = payload(e).path("posting");
                    String field = kind == CatalogueKind.FUNCTIONAL ? "functionalCode" : "economicCode";
                    mark(
                            used,
                            codes,
                            List.of(posting.path(field).asText("")),
                            new Use(ledger, posting.path("postingId").asText()));
                } else if (e.type().equals(LedgerEvents.nameOf(FiguresImported.class))) {
                    List<String> segments = new ArrayList<>(); // a cell key's parts: table, row (a code), column
                    payload(e).path("cells").fieldNames().forEachRemaining(k -> segments.addAll(List.of(k.split("/"))));
                    mark(used, codes, segments, new Use(ledger, "imported figures, event " + e.sequence()));
                }
            }
        }
        return used;
    }

    /** Each candidate that one of these codes is, or lies over, is used here (the first use found is kept). */
    private static void mark(Map<String, Use> used, Collection<String> candidates, List<String> found, Use where) {
        for (String code : found) {
            for (String candidate : candidates) {
                if (!code.isEmpty() && code.startsWith(candidate) && !used.containsKey(candidate)) {
                    used.put(candidate, where);
                }
            }
        }
    }

    private static boolean isPosting(String type) {
        return LedgerEvents.byName(type)
                .map(PostingRecorded.class::isAssignableFrom)
                .orElse(false);
    }

    private JsonNode payload(StoredEvents.StoredEvent e) {
        try {
            return mapper.readTree(e.currentPayloadJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("stored event " + e.stream() + "/" + e.sequence() + " is not JSON", ex);
        }
    }
}
