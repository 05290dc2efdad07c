package org.budgetledger.projection.publication;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.LedgerId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Asks the ledger service to record a publication, with the credentials of the person who published: the ledger
 * authorizes them itself (ADMIN), and the projection holds no key that could write to a ledger.
 */
@Component
public class LedgerPublisher {

    private final List<RestClient> instances;

    public LedgerPublisher(
            @Value("${projection.ledger-url:http://127.0.0.1:8081}") String ledgerUrls, RestClient.Builder builder) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(2_000);
        requests.setReadTimeout(30_000);
        this.instances = Arrays.stream(ledgerUrls.split(","))
                .map(String::trim)
                .filter(u -> !u.isEmpty())
                .map(url ->
                        builder.clone().baseUrl(url).requestFactory(requests).build())
                .toList();
    }

    /** The caller's credentials, as they came: an API key or a bearer token. */
    public record Credentials(String apiKey, String authorization) {}

    /** The ledger's answer: the publication's id, when it was recorded, and its event's sequence. */
    public record Recorded(String id, String publishedAt, long sequence) {}

    public Recorded record(LedgerId ledger, Map<String, Object> body, Credentials caller) {
        ResourceAccessException unreachable = null;
        for (RestClient http : instances) {
            try {
                return http.post()
                        .uri("/api/v1/units/{unit}/years/{year}/publications", ledger.unitCode(), ledger.fiscalYear())
                        .contentType(MediaType.APPLICATION_JSON)
                        .headers(h -> credentials(h, caller))
                        .body(new LinkedHashMap<>(body))
                        .retrieve()
                        .body(Recorded.class);
            } catch (ResourceAccessException e) {
                unreachable = e; // this instance is down: the next one (the command is not sent twice: no answer came)
            } catch (HttpClientErrorException e) {
                throw new LedgerRefused(e.getStatusCode().value(), e.getResponseBodyAsString());
            }
        }
        throw new IllegalStateException("no ledger service answered", unreachable);
    }

    private static void credentials(HttpHeaders headers, Credentials caller) {
        if (caller.apiKey() != null) {
            headers.set("X-API-Key", caller.apiKey());
        }
        if (caller.authorization() != null) {
            headers.set(HttpHeaders.AUTHORIZATION, caller.authorization());
        }
    }

    /** The ledger refused the publication: its status and answer, passed on to the caller as they are. */
    public static final class LedgerRefused extends RuntimeException {
        private final int status;
        private final String body;

        LedgerRefused(int status, String body) {
            super("the ledger service answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }
}
