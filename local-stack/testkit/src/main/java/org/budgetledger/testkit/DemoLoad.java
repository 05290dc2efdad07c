package org.budgetledger.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code bin/ledger-local demo} does once the system runs: loads the seed's office (fixture
 * {@value Fixtures#HETANG}) and the demo department (fixture {@value Fixtures#DEMO_WLJ}: three units, every table
 * filled) the way an upstream system would (the codes its postings need, its profiles parents first, its narrative,
 * its postings as one batch; a second run posts duplicates, which the ledger records once), waits until the
 * projection holds every event of their ledgers, and prints the seed office's table 01 as the projection renders it.
 *
 * <p>{@code DemoLoad <ledger-url> <projection-url>}. The API keys come from the environment (LEDGER_ADMIN_KEY,
 * LEDGER_POSTER_KEY, LEDGER_VIEWER_KEY), not from arguments, which {@code ps} shows to every user of the machine.
 * Exit 0 with table 01 on stdout; 1 with one line on stderr naming the request that failed and its status; 2 for a
 * wrong call.
 */
public final class DemoLoad {

    /** How long the projection may take to catch up with the ledger after the batch. */
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    private static final Duration POLL = Duration.ofMillis(500);
    /** One request's bound: the batch is decided in one request, on a store that may be busy replaying its journal. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String ledger;
    private final String projection;
    private final String adminKey;
    private final String posterKey;
    private final String viewerKey;

    DemoLoad(String ledger, String projection, String adminKey, String posterKey, String viewerKey) {
        this.ledger = withoutTrailingSlash(ledger);
        this.projection = withoutTrailingSlash(projection);
        this.adminKey = adminKey;
        this.posterKey = posterKey;
        this.viewerKey = viewerKey;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DemoLoad <ledger-url> <projection-url>"
                    + "  (with LEDGER_ADMIN_KEY, LEDGER_POSTER_KEY, LEDGER_VIEWER_KEY in the environment)");
            System.exit(2);
        }
        try {
            DemoLoad demo = new DemoLoad(
                    args[0], args[1], key("LEDGER_ADMIN_KEY"), key("LEDGER_POSTER_KEY"), key("LEDGER_VIEWER_KEY"));
            demo.load(Fixtures.of(Fixtures.DEMO_WLJ));
            demo.print(demo.load(Fixtures.of(Fixtures.HETANG)), "01.txt");
        } catch (Failure e) {
            System.err.println("ledger-local demo: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("ledger-local demo: interrupted");
            System.exit(1);
        }
    }

    /** Loads one fixture and waits for the projection; answers its root's final-accounts address. */
    String load(Fixtures fixture) throws InterruptedException {
        JsonNode root = fixture.units().get(0); // parents first: the department (or the one office) leads
        String rootCode = root.get("unitCode").asText();
        int year = root.get("fiscalYear").asInt();
        List<JsonNode> postings = fixture.postings();
        System.out.println("registering " + rootCode + " for " + year + " ("
                + fixture.units().size() + " unit(s)) and posting " + postings.size() + " postings...");
        // the codes its postings use, where the shipped catalogue lacks them (a revision adds, never deletes)
        if (fixture.catalogue().isPresent()) {
            for (String kind : List.of("functional", "economic")) {
                String codes = "{\"codes\":" + fixture.catalogue().get().get(kind) + "}";
                send("PUT", ledger + "/api/v1/catalogues/" + year + "/" + kind, codes, adminKey, 200);
            }
        }
        for (JsonNode unit : fixture.units()) {
            // 201 the first time, 200 when a run before registered it: either way the profile is the fixture's
            send(
                    "PUT",
                    years(unit.get("unitCode").asText(), year),
                    unit.get("profile").toString(),
                    adminKey,
                    200,
                    201);
        }
        // the unit's own words for its 情况说明 (the seed office was founded in 2019: its cause for having nothing to
        // compare with)
        if (fixture.narrativeBody().isPresent()) {
            send(
                    "PUT",
                    years(rootCode, year) + "/narrative",
                    fixture.narrativeBody().get(),
                    adminKey,
                    200);
        }
        String batch = ledger + "/api/v1/postings/batch";
        HttpResponse<byte[]> posted =
                send("POST", batch, JSON.valueToTree(postings).toString(), posterKey, 200);
        System.out.println(tally(batch, json("POST " + batch, posted)));
        long events = 0; // a department's position counts the events of every member ledger
        for (JsonNode unit : fixture.units()) {
            events += nextSequence(years(unit.get("unitCode").asText(), year));
        }
        String accounts = projection + "/api/v1/final-accounts/" + rootCode + "/" + year;
        awaitProjection(accounts + "/cells", events);
        return accounts;
    }

    /** A table as the projection renders it, its bytes as they are. */
    void print(String accounts, String table) throws InterruptedException {
        System.out.println();
        // the bytes as rendered: System.out's charset follows the locale, and would turn the Chinese into '?' under C
        byte[] text =
                send("GET", accounts + "/tables/" + table, null, viewerKey, 200).body();
        System.out.write(text, 0, text.length);
        System.out.flush();
    }

    private String years(String unitCode, int year) {
        return ledger + "/api/v1/units/" + unitCode + "/years/" + year;
    }

    private long nextSequence(String units) throws InterruptedException {
        JsonNode state = json("GET " + units + "/ledger", send("GET", units + "/ledger", null, viewerKey, 200));
        if (!state.path("nextSequence").canConvertToLong()) {
            throw new Failure("GET " + units + "/ledger answered without a nextSequence: " + state);
        }
        return state.get("nextSequence").asLong();
    }

    /**
     * The batch answers 200 whatever becomes of its items; an item refused (422, 409, ...) would leave table 01
     * short of it without a word, so it fails the demo here. Answers e.g. "postings: RECORDED 146".
     */
    private static String tally(String url, JsonNode answer) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode item : answer.path("results")) {
            int status = item.path("httpStatus").asInt();
            if (status != 200 && status != 201) {
                throw new Failure("POST " + url + ": item " + item.path("index").asInt() + " ("
                        + item.path("postingId").asText("?") + ") answered " + status + ": " + item);
            }
            counts.merge(item.path("status").asText("?"), 1, Integer::sum);
        }
        StringBuilder line = new StringBuilder("postings:");
        counts.forEach(
                (status, count) -> line.append(' ').append(status).append(' ').append(count));
        return line.toString();
    }

    /**
     * Polls the projection's cells until their position (the events the figures include) reaches the ledger's next
     * sequence. Until the projection has seen the unit it may answer 404, and it may briefly not answer at all
     * (restarting, rebalancing): both count as "not yet"; a refusal (401, 403, 400) will not change, so it fails at once.
     */
    private void awaitProjection(String cells, long events) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        long position = 0;
        String last = "no answer yet";
        while (true) {
            try {
                HttpResponse<byte[]> answer =
                        http.send(request("GET", cells, null, viewerKey), HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() == 200) {
                    position = json("GET " + cells, answer).path("position").asLong();
                    if (position >= events) {
                        return;
                    }
                } else if (answer.statusCode() != 404 && answer.statusCode() < 500) {
                    throw new Failure("GET " + cells + " answered " + answer.statusCode() + ": " + text(answer));
                }
                last = "last answer " + answer.statusCode();
            } catch (IOException e) {
                last = "last attempt: " + e;
            }
            if (System.nanoTime() >= deadline) {
                throw new Failure("the projection did not catch up with the ledger within " + CATCH_UP.toSeconds()
                        + "s (" + position + " of " + events + " events; GET " + cells + ", " + last + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** One request; fails on no answer or on a status outside the accepted ones, naming the request. */
    private HttpResponse<byte[]> send(String method, String url, String body, String key, int... accepted)
            throws InterruptedException {
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request(method, url, body, key), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Failure("no answer from " + method + " " + url + ": " + e);
        }
        for (int status : accepted) {
            if (answer.statusCode() == status) {
                return answer;
            }
        }
        throw new Failure(method + " " + url + " answered " + answer.statusCode() + ": " + text(answer));
    }

    private static HttpRequest request(String method, String url, String body, String key) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static JsonNode json(String request, HttpResponse<byte[]> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new Failure(request + " answered " + answer.statusCode() + " with no JSON: " + text(answer));
        }
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static String key(String name) {
        String key = System.getenv(name);
        if (key == null || key.isBlank()) {
            throw new Failure(name + " is not set (bin/ledger-local demo passes it from LEDGER_HOME/credentials.env)");
        }
        return key;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** What stops the demo: its message (the request and its status, where a request failed) is all the user sees. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
