package org.budgetledger.ledger.relay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.event.EventEnvelope;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event store as readers see it: the same envelopes as ledger.events, read from the store, so that a reader
 * can fill a gap or rebuild from the complete history whatever Kafka's retention kept.
 */
@RestController
@RequestMapping(path = "/api/v1/streams", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Streams", description = "Every stream's events from the event store, as published on ledger.events")
public class StreamController {

    public static final int MAX_PAGE = 1_000;

    private final StoredEvents stored;
    private final StreamRegistry registry;
    private final Envelopes envelopes = new Envelopes();

    public StreamController(StoredEvents stored, StreamRegistry registry) {
        this.stored = stored;
        this.registry = registry;
    }

    @GetMapping
    @Operation(
            operationId = "listStreams",
            summary = "Every stream (ledgers and catalogues) with its kind and how far ledger.events carries it")
    public List<Map<String, Object>> streams() {
        List<Map<String, Object>> answer = new ArrayList<>();
        registry.positions().forEach((stream, position) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stream", stream);
            s.put("published", position.published());
            answer.add(s);
        });
        return answer;
    }

    @GetMapping("/{stream}/events")
    @Operation(
            operationId = "readStreamEvents",
            summary = "A stream's events from a sequence number on, in order (at most 1,000 per call)",
            description =
                    "Each item is the envelope of ledger.events: {stream, sequence, eventId, type, recordedAt, payload}. "
                            + "Fewer items than asked for means the stream ends there (for now).")
    public List<EventEnvelope> events(
            @PathVariable String stream,
            @RequestParam(defaultValue = "0") long from,
            @RequestParam(defaultValue = "1000") int limit) {
        if (from < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ApiException.unprocessable("page", "limit", "from must be ≥ 0 and limit between 1 and " + MAX_PAGE);
        }
        return stored.readRange(stream, from, limit).stream()
                .map(envelopes::envelope)
                .toList();
    }
}
