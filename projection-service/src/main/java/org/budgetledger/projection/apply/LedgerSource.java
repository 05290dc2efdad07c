package org.budgetledger.projection.apply;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.budgetledger.contract.event.EventEnvelope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The ledger service's event store, read over HTTP: what fills a gap in what Kafka delivered, and what a rebuild
 * reads (the complete history, whatever Kafka's retention kept). {@code projection.ledger-url} may list several
 * instances (comma-separated): a read goes to the one that answered last, and to the next ones when it does not.
 */
@Component
public class LedgerSource {

    public static final int PAGE = 1_000;
    private final List<RestClient> instances;
    private final AtomicInteger answering = new AtomicInteger();

    public LedgerSource(
            @Value("${projection.ledger-url:http://127.0.0.1:8081}") String ledgerUrls,
            @Value("${projection.ledger-api-key:}") String apiKey,
            RestClient.Builder builder) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(2_000);
        requests.setReadTimeout(30_000);
        this.instances = Arrays.stream(ledgerUrls.split(","))
                .map(String::trim)
                .filter(u -> !u.isEmpty())
                .map(url -> {
                    RestClient.Builder configured = builder.clone().baseUrl(url).requestFactory(requests);
                    if (!apiKey.isBlank()) {
                        configured.defaultHeader("X-API-Key", apiKey);
                    }
                    return configured.build();
                })
                .toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("projection.ledger-url names no ledger service: '" + ledgerUrls + "'");
        }
    }

    /** Asks the instance that answered last, then each other once; the last failure if none answers. */
    private <T> T read(Function<RestClient, T> request) {
        RuntimeException failure = null;
        int first = answering.get();
        for (int k = 0; k < instances.size(); k++) {
            int i = (first + k) % instances.size();
            try {
                T answer = request.apply(instances.get(i));
                answering.set(i);
                return answer;
            } catch (ResourceAccessException e) {
                failure = e; // not reachable: the next one
            }
        }
        throw failure;
    }

    /** The keys issued through the ledger service that are active now, as digests (never the keys). */
    public List<org.budgetledger.kit.security.ApiKeys.IssuedKey> issuedKeys() {
        List<org.budgetledger.kit.security.ApiKeys.IssuedKey> keys = read(http -> http.get()
                .uri("/api/v1/admin/keys/digests")
                .retrieve()
                .body(new ParameterizedTypeReference<List<org.budgetledger.kit.security.ApiKeys.IssuedKey>>() {}));
        return keys == null ? List.of() : keys;
    }

    /** A stream the ledger service holds, and the last sequence it published (−1: none yet). */
    public record Stream(String stream, long published) {}

    /** Every stream of the ledger service's event store. */
    public List<Stream> streams() {
        List<Stream> streams = read(http ->
                http.get().uri("/api/v1/streams").retrieve().body(new ParameterizedTypeReference<List<Stream>>() {}));
        return streams == null ? List.of() : streams;
    }

    /** The stream's events from {@code from} on, at most one page; fewer means the stream ends there. */
    public List<EventEnvelope> events(String stream, long from) {
        List<EventEnvelope> page = read(http -> http.get()
                .uri(u -> u.path("/api/v1/streams/{stream}/events")
                        .queryParam("from", from)
                        .queryParam("limit", PAGE)
                        .build(stream))
                .retrieve()
                .body(new ParameterizedTypeReference<List<EventEnvelope>>() {}));
        return page == null ? List.of() : page;
    }

    /** One event of a stream as the ledger service holds it (its hash and the previous one included), if it has it. */
    public java.util.Optional<EventEnvelope> event(String stream, long sequence) {
        List<EventEnvelope> page = read(http -> http.get()
                .uri(u -> u.path("/api/v1/streams/{stream}/events")
                        .queryParam("from", sequence)
                        .queryParam("limit", 1)
                        .build(stream))
                .retrieve()
                .body(new ParameterizedTypeReference<List<EventEnvelope>>() {}));
        return page == null
                ? java.util.Optional.empty()
                : page.stream().filter(e -> e.sequence() == sequence).findFirst();
    }

    /**
     * The ledger service's own check of a ledger's hash chain ({@code GET /api/v1/ledgers/{unit}/{year}/verify}):
     * {@code events}, {@code head}, {@code intact} and the first broken link, as the ledger service answers it.
     */
    public java.util.Map<String, Object> verify(String unitCode, int fiscalYear) {
        return read(http -> http.get()
                .uri("/api/v1/ledgers/{unit}/{year}/verify", unitCode, fiscalYear)
                .retrieve()
                .body(new ParameterizedTypeReference<java.util.Map<String, Object>>() {}));
    }
}
