package org.budgetledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class ProjectionServiceTest {

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "projection");
        registry.add("budgetledger.security.viewer-key", () -> "viewer-key-for-the-tests-only");
        registry.add("budgetledger.security.auditor-key", () -> "auditor-key-for-the-tests-only");
    }

    @Test
    void reportsHealthyWithMetrics() {
        String health = http.getForObject("/actuator/health", String.class);
        assertThat(health).as(health).startsWith("{\"status\":\"UP\"");
        var headers = new org.springframework.http.HttpHeaders();
        headers.set("X-API-Key", "viewer-key-for-the-tests-only");
        assertThat(http.exchange(
                                "/actuator/prometheus",
                                org.springframework.http.HttpMethod.GET,
                                new org.springframework.http.HttpEntity<>(headers),
                                String.class)
                        .getBody())
                .contains("jvm_memory_used_bytes");
        assertThat(http.getForEntity("/actuator/prometheus", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void viewersReadFiguresAuditorsReadTrailsAndNobodyReadsWithoutCredentials() {
        assertThat(status("/api/v1/final-accounts/X/2019/cells", null)).isEqualTo(401);
        assertThat(status("/api/v1/final-accounts/X/2019/cells", "viewer-key-for-the-tests-only"))
                .isEqualTo(404); // allowed, nothing there
        assertThat(status("/api/v1/dashboard/ledgers", "viewer-key-for-the-tests-only"))
                .isEqualTo(200);
        assertThat(status(
                        "/api/v1/final-accounts/X/2019/cells/01/income.total/amount/audit",
                        "viewer-key-for-the-tests-only"))
                .isEqualTo(403);
        assertThat(status(
                        "/api/v1/final-accounts/X/2019/cells/01%2Fincome.total%2Famount/audit",
                        "viewer-key-for-the-tests-only"))
                .isEqualTo(403);
        assertThat(status("/api/v1/final-accounts/X/2019/audit", "viewer-key-for-the-tests-only"))
                .isEqualTo(403);
        assertThat(status("/api/v1/final-accounts/X/2019/signals", "viewer-key-for-the-tests-only"))
                .isEqualTo(403);
        assertThat(status("/api/v1/final-accounts/X/2019/signals", "auditor-key-for-the-tests-only"))
                .isEqualTo(404);
        assertThat(status("/api/v1/postings/s/p", "viewer-key-for-the-tests-only"))
                .isEqualTo(403);
        assertThat(status("/api/v1/admin/rebuild", "viewer-key-for-the-tests-only"))
                .isEqualTo(403);
        assertThat(status("/api/v1/postings/s/p", "auditor-key-for-the-tests-only"))
                .isEqualTo(404);
        assertThat(status("/api/v1/admin/rebuild", "auditor-key-for-the-tests-only"))
                .isEqualTo(200);
        assertThat(status(
                        "/api/v1/final-accounts/X/2019/cells/01%2Fincome.total%2Famount/audit",
                        "auditor-key-for-the-tests-only"))
                .isEqualTo(404);
    }

    @Test
    void anInstantOutsideWhatTheRecordingTimesHoldIsABadRequestNamingAsOf() {
        for (String path : new String[] {
            "/api/v1/final-accounts/X/2019/cells?asOf=2300-01-01T00:00:00Z",
            "/api/v1/final-accounts/X/2019/cells/01%2Fincome.total%2Famount/audit?asOf=1600-01-01T00:00:00Z",
            "/api/v1/final-accounts/X/2019/report?asOf=+10000-01-01T00:00:00Z"
        }) {
            var headers = new org.springframework.http.HttpHeaders();
            headers.set("X-API-Key", "auditor-key-for-the-tests-only");
            var answer = http.exchange(
                    java.net.URI.create(http.getRootUri() + path.replace("+", "%2B")),
                    org.springframework.http.HttpMethod.GET,
                    new org.springframework.http.HttpEntity<>(headers),
                    String.class);
            assertThat(answer.getStatusCode().value()).as(path).isEqualTo(400);
            assertThat(answer.getBody()).as(path).contains("\"field\":\"asOf\"");
        }
    }

    /** The served OpenAPI document is the committed one (clients are generated from it), and Redocly finds nothing. */
    @Test
    void theServedOpenApiDocumentIsTheCommittedOneAndLintsClean() throws Exception {
        String served =
                org.budgetledger.testkit.OpenApiDocuments.normalized(http.getForObject("/v3/api-docs", String.class));
        java.nio.file.Path actual = java.nio.file.Path.of("target/openapi/projection-service.json");
        java.nio.file.Files.createDirectories(actual.getParent());
        java.nio.file.Files.writeString(actual, served);
        java.nio.file.Path committed = org.budgetledger.testkit.OpenApiDocuments.committed("projection-service");
        assertThat(java.nio.file.Files.exists(committed) ? java.nio.file.Files.readString(committed) : "")
                .as(
                        "docs/openapi/projection-service.json is what the service serves; if the change is meant: cp %s %s",
                        actual.toAbsolutePath(), committed)
                .isEqualTo(served);
        assertThat(org.budgetledger.testkit.OpenApiDocuments.lint(committed))
                .as("redocly lint")
                .isEmpty();
    }

    private int status(String path, String key) {
        var headers = new org.springframework.http.HttpHeaders();
        if (key != null) {
            headers.set("X-API-Key", key);
        }
        return http.exchange(
                        java.net.URI.create(http.getRootUri() + path),
                        org.springframework.http.HttpMethod.GET,
                        new org.springframework.http.HttpEntity<>(headers),
                        String.class)
                .getStatusCode()
                .value();
    }
}
