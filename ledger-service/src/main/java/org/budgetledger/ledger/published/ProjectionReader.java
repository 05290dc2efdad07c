package org.budgetledger.ledger.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.UnitKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks the projection service to read a published document: the official layout and the 审核公式 are the query
 * side's knowledge. The caller's own credentials go along, so the projection authorises the same person; the
 * instances are tried in turn ({@code LEDGER_PROJECTION_URL}, comma-separated) until one answers.
 */
@Component
public class ProjectionReader {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The projection's answer: its status and JSON body. */
    public record Answer(int status, JsonNode body) {}

    private final List<String> urls;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = Json.newMapper();

    public ProjectionReader(@Value("${ledger.projection-url:http://127.0.0.1:8082}") String urls) {
        this.urls = Arrays.stream(urls.split(","))
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .toList();
        if (this.urls.isEmpty()) {
            throw new IllegalArgumentException(
                    "ledger.projection-url (LEDGER_PROJECTION_URL) names no projection service");
        }
    }

    /** The reading, or empty when no instance answered. */
    public Optional<Answer> read(
            String unitCode,
            int fiscalYear,
            UnitKind kind,
            String fileName,
            String contentType,
            byte[] body,
            Credentials credentials) {
        String path = "/api/v1/final-accounts/" + encode(unitCode) + "/" + fiscalYear + "/published-figures/read?kind="
                + kind.name() + "&fileName=" + encode(fileName);
        for (String url : urls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(TIMEOUT)
                    .header("Content-Type", contentType == null ? "application/octet-stream" : contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            credentials.apply(request);
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                JsonNode answer =
                        response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
                return Optional.of(new Answer(response.statusCode(), answer));
            } catch (IOException e) {
                log.warn("projection service {} did not read the published figures: {}", url, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The caller's credentials as received: an API key or a bearer token. */
    public record Credentials(String apiKey, String authorization) {
        void apply(HttpRequest.Builder request) {
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("X-API-Key", apiKey);
            }
            if (authorization != null && !authorization.isBlank()) {
                request.header("Authorization", authorization);
            }
        }
    }
}
