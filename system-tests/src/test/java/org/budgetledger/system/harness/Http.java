package org.budgetledger.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/** Plain HTTP/1.1 with the API key of a role; reads retry while a component is away. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "http");
                t.setDaemon(true);
                return t;
            }))
            .build();

    Answer send(String method, String url, String key, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("X-API-Key", key);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    /** Retries connection errors and 5xx until the deadline; any other answer is returned. */
    Answer patiently(String method, String url, String key, String body, Duration patience)
            throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        String last = null;
        while (true) {
            try {
                Answer a = send(method, url, key, body, Duration.ofSeconds(120));
                if (a.status() < 500 && a.status() != 401) { // 401: see Senders.post (the keys are right)
                    return a;
                }
                last = "HTTP " + a.status() + " " + a.body();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(method + " " + url + " failed for " + patience + ": " + last);
            }
            Thread.sleep(500);
        }
    }

    JsonNode getJson(String url, String key, Duration patience) throws InterruptedException {
        Answer a = patiently("GET", url, key, null, patience);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }
}
