package org.budgetledger.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.budgetledger.testkit.TestInfra;

/** Both services as processes of their own, on fresh topics and databases of the shared store and broker. */
final class TwoServices {

    static final ObjectMapper JSON = new ObjectMapper();
    /** One API key with every role, given to both services; the tests send it with every request. */
    static final String KEY = "system-test-all-roles-key-0001";

    /** A key with the AUDITOR role alone and one with the VIEWER role alone, as people sign in to the workspace. */
    static final String AUDITOR_KEY = "system-test-auditor-key-0001";

    static final String VIEWER_KEY = "system-test-viewer-key-00001";

    /** A viewer's key scoped to one unit of the demo department, as a school's preparer would hold one. */
    static final String SCOPED_VIEWER_KEY = "system-test-zfdd-viewer-key-01";

    static final Map<String, String> KEYS = Map.of(
            "BUDGETLEDGER_SECURITY_APIKEYS_0_KEY",
            KEY,
            "BUDGETLEDGER_SECURITY_APIKEYS_0_ROLES",
            "POSTER,AUDITOR,VIEWER,ADMIN",
            "BUDGETLEDGER_SECURITY_APIKEYS_0_SOURCESYSTEMS",
            "*",
            "LEDGER_AUDITOR_KEY",
            AUDITOR_KEY,
            "LEDGER_VIEWER_KEY",
            VIEWER_KEY,
            "BUDGETLEDGER_SECURITY_APIKEYS_1_KEY",
            SCOPED_VIEWER_KEY,
            "BUDGETLEDGER_SECURITY_APIKEYS_1_ROLES",
            "VIEWER",
            "BUDGETLEDGER_SECURITY_APIKEYS_1_SCOPE",
            "DEMO-WLJ-ZFDD");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final ServiceProcess ledger;
    final ServiceProcess projection;
    /** The ledger-service's database (MONGODB_URI), for tests that look at, or damage, the store itself. */
    final String ledgerStore;
    /** The ledger.events topic of this pair, for tests that write to it as an intruder would. */
    final String eventsTopic;

    private TwoServices(ServiceProcess ledger, ServiceProcess projection, String ledgerStore, String eventsTopic) {
        this.ledger = ledger;
        this.projection = projection;
        this.ledgerStore = ledgerStore;
        this.eventsTopic = eventsTopic;
    }

    static TwoServices start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** As {@link #start(String)}, with settings of the projection's own besides (an identity provider, say). */
    static TwoServices start(String name, Map<String, String> projectionSettings) throws Exception {
        return start(name, projectionSettings, ledgerStore -> {});
    }

    /** What is done to the ledger's (empty) database before the services start: a restore, say. */
    interface BeforeStart {
        void prepare(String ledgerStore) throws Exception;
    }

    static TwoServices start(String name, Map<String, String> projectionSettings, BeforeStart beforeStart)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = Path.of(System.getProperty("work.dir", "target/work"), name + "-" + run);
        int ledgerPort = ServiceProcess.freePort();
        int projectionPort = ServiceProcess.freePort();
        Map<String, String> common = new HashMap<>(KEYS);
        common.putAll(TestInfra.unauthenticatedKafka());
        common.put("LEDGER_EVENTS_TOPIC", "ledger.events." + run);
        common.put(
                "LEDGER_HOLD_WINDOW", "0s"); // parked at once, as the tests' plans say; holding is ParkedRedriveTest's
        Map<String, String> ledgerEnv = new HashMap<>(common);
        ledgerEnv.put("MONGODB_URI", TestInfra.freshMongoDatabase(name + "_ledger"));
        ledgerEnv.put("LEDGER_POSTINGS_TOPIC", "ledger.postings." + run);
        ledgerEnv.put("LEDGER_KAFKA_CHANNELS", "ledger.postings." + run + "=*");
        ledgerEnv.put("LEDGER_DLQ_TOPIC", "ledger.postings.dlq." + run);
        ledgerEnv.put("LEDGER_CONSUMER_GROUP", "ledger-" + run);
        ledgerEnv.put("LEDGER_RELAY_SWEEP", "500ms");
        ledgerEnv.put("LEDGER_PROJECTION_URL", "http://127.0.0.1:" + projectionPort);
        Map<String, String> projectionEnv = new HashMap<>(common);
        projectionEnv.put("MONGODB_URI", TestInfra.freshMongoDatabase(name + "_projection"));
        projectionEnv.put("PROJECTION_CONSUMER_GROUP", "projection-" + run);
        projectionEnv.put("LEDGER_SERVICE_URL", "http://127.0.0.1:" + ledgerPort);
        projectionEnv.put("LEDGER_SERVICE_API_KEY", KEY);
        projectionEnv.putAll(projectionSettings);
        ServiceProcess ledger = new ServiceProcess(
                "ledger-service", Path.of(System.getProperty("ledger.jar")), ledgerPort, ledgerEnv, work);
        ServiceProcess projection = new ServiceProcess(
                "projection-service",
                Path.of(System.getProperty("projection.jar")),
                projectionPort,
                projectionEnv,
                work);
        beforeStart.prepare(ledgerEnv.get("MONGODB_URI"));
        ledger.start();
        projection.start();
        ledger.awaitHealthy(Duration.ofSeconds(120));
        projection.awaitHealthy(Duration.ofSeconds(120));
        return new TwoServices(ledger, projection, ledgerEnv.get("MONGODB_URI"), common.get("LEDGER_EVENTS_TOPIC"));
    }

    void stop() throws InterruptedException {
        ledger.stop();
        projection.stop();
    }

    /** Waits until the projection's figures of the unit include {@code events} events; answers the cells body. */
    JsonNode awaitPosition(String unit, int year, long events) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            HttpResponse<String> r =
                    call("GET", projection.url("/api/v1/final-accounts/" + unit + "/" + year + "/cells"), null);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (last.get("position").asLong() >= events) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the projection did not reach position " + events + "; last: " + last);
    }

    static HttpResponse<String> call(String method, String url, String body) {
        return callAs(KEY, method, url, body);
    }

    /** A request with another key than the all-roles one (an issued key, say). */
    static HttpResponse<String> callAs(String key, String method, String url, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", key)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url, e);
        }
    }

    /** A request with a body of bytes (a workbook), answered as bytes. */
    static HttpResponse<byte[]> callBytes(String method, String url, String contentType, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("X-API-Key", KEY)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url, e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(r.body(), e);
        }
    }
}
