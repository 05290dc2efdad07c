package org.budgetledger.projection.apply;

import org.budgetledger.contract.event.EventEnvelope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.List;

/**
 * The ledger service's event store, read over HTTP: what fills a gap in what Kafka delivered, and what a rebuild
 * reads (the complete history, whatever Kafka's retention kept).
 */
@Component
public class LedgerSource {

    public static final int PAGE = 1_000;
    private final RestClient http;

    public LedgerSource(@Value("${projection.ledger-url:http://127.0.0.1:8081}") String ledgerUrl,
                        @Value("${projection.ledger-api-key:}") String apiKey, RestClient.Builder builder) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(2_000);
        requests.setReadTimeout(30_000);
        RestClient.Builder configured = builder.baseUrl(ledgerUrl).requestFactory(requests);
        if (!apiKey.isBlank()) {
            configured.defaultHeader("X-API-Key", apiKey);
        }
        this.http = configured.build();
    }

    /** A stream the ledger service holds, and the last sequence it published (−1: none yet). */
    public record Stream(String stream, long published) {
    }

    /** Every stream of the ledger service's event store. */
    public List<Stream> streams() {
        List<Stream> streams = http.get().uri("/api/v1/streams").retrieve().body(new ParameterizedTypeReference<>() { });
        return streams == null ? List.of() : streams;
    }

    /** The stream's events from {@code from} on, at most one page; fewer means the stream ends there. */
    public List<EventEnvelope> events(String stream, long from) {
        List<EventEnvelope> page = http.get()
                .uri(u -> u.path("/api/v1/streams/{stream}/events").queryParam("from", from).queryParam("limit", PAGE).build(stream))
                .retrieve()
                .body(new ParameterizedTypeReference<>() { });
        return page == null ? List.of() : page;
    }
}
