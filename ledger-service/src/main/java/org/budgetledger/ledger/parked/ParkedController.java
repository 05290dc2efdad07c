package org.budgetledger.ledger.parked;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.budgetledger.ledger.posting.HeldPostings;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the Kafka ingestion parked, and re-driving it once its cause is fixed (docs/OPERATIONS.md). */
@RestController
@RequestMapping(path = "/api/v1/admin/parked", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Parked postings", description = "Records of the postings channels the ledger refused, and their re-drive")
public class ParkedController {

    private final ParkedRecords parked;
    private final Redrive redrive;
    private final HeldPostings held;

    public ParkedController(ParkedRecords parked, Redrive redrive, HeldPostings held) {
        this.parked = parked;
        this.redrive = redrive;
        this.held = held;
    }

    @GetMapping
    @Operation(
            operationId = "listParked",
            summary = "The parked records, oldest first, with their reason, original topic/partition/offset and time",
            description = "Filters: reason (the refusing rule's error code, e.g. catalogue.invalid_code), unit (the "
                    + "posting's unitCode). Also: counts per reason, and how many expenditures are held waiting for "
                    + "their funds (not parked yet).")
    public Map<String, Object> list(
            @RequestParam(required = false) String reason, @RequestParam(required = false) String unit) {
        ParkedRecords.Listing listing = parked.matching(
                p -> (reason == null || reason.equals(p.reason())) && (unit == null || unit.equals(p.unitCode())));
        List<ParkedRecords.Parked> found = listing.parked();
        Map<String, Integer> reasons = new TreeMap<>();
        found.forEach(p -> reasons.merge(String.valueOf(p.reason()), 1, Integer::sum));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", found.size());
        body.put("complete", listing.complete());
        body.put("reasons", reasons);
        body.put("held", held.count());
        body.put("parked", found);
        return body;
    }

    @PostMapping(path = "/redrive", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "redriveParked",
            summary = "Submit parked records again through the same rules; each answers what the ledger decided now",
            description = "Body: exactly one of {\"ids\": [\"0-17\", …]}, {\"reason\": \"catalogue.invalid_code\"} or "
                    + "{\"all\": true}. Idempotent: a posting already recorded answers DUPLICATE. A record refused "
                    + "again stays parked; the answer gives the rule.")
    public Map<String, Object> redrive(@RequestBody JsonNode body) {
        ParkedRecords.Listing all = parked.all();
        if (!all.complete()) {
            throw ApiException.unprocessable(
                    "redrive.incomplete",
                    "body",
                    "the DLQ could not be read whole within its bounds; re-drive by ids from a filtered listing");
        }
        List<ParkedRecords.Parked> chosen = choose(body, all.parked());
        if (chosen.size() > Redrive.MAX_RECORDS) {
            throw ApiException.unprocessable(
                    "redrive.too_many",
                    "body",
                    chosen.size() + " records chosen, at most " + Redrive.MAX_RECORDS + " per request");
        }
        List<Map<String, Object>> results = redrive.redrive(chosen);
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(String.valueOf(r.get("status")), 1, Integer::sum));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("counts", counts);
        answer.put("results", results);
        return answer;
    }

    private static List<ParkedRecords.Parked> choose(JsonNode body, List<ParkedRecords.Parked> all) {
        int ways = (body.has("ids") ? 1 : 0) + (body.has("reason") ? 1 : 0) + (body.has("all") ? 1 : 0);
        if (!body.isObject() || ways != 1) {
            throw ApiException.unprocessable(
                    "redrive.choice", "body", "the body must have exactly one of ids, reason or all");
        }
        if (body.has("all")) {
            if (!body.get("all").asBoolean(false)) {
                throw ApiException.unprocessable("redrive.choice", "all", "all must be true");
            }
            return all;
        }
        if (body.has("reason")) {
            String reason = body.get("reason").asText();
            return all.stream().filter(p -> reason.equals(p.reason())).toList();
        }
        if (!body.get("ids").isArray()) {
            throw ApiException.unprocessable("redrive.choice", "ids", "ids must be an array of parked record ids");
        }
        Set<String> ids = new HashSet<>();
        body.get("ids").forEach(id -> ids.add(id.asText()));
        List<ParkedRecords.Parked> chosen =
                all.stream().filter(p -> ids.contains(p.id())).toList();
        if (chosen.size() != ids.size()) {
            Set<String> missing = new HashSet<>(ids);
            chosen.forEach(p -> missing.remove(p.id()));
            throw ApiException.unprocessable("redrive.unknown_id", "ids", "no parked record " + missing);
        }
        return chosen;
    }
}
