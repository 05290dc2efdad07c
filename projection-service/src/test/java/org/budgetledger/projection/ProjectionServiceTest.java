package org.budgetledger.projection;

import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class ProjectionServiceTest {

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "projection");
        registry.add("budgetledger.security.viewer-key", () -> "viewer-key");
    }

    @Test
    void reportsHealthyWithMetrics() {
        String health = http.getForObject("/actuator/health", String.class);
        assertThat(health).as(health).startsWith("{\"status\":\"UP\"");
        var headers = new org.springframework.http.HttpHeaders();
        headers.set("X-API-Key", "viewer-key");
        assertThat(http.exchange("/actuator/prometheus", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), String.class).getBody()).contains("jvm_memory_used_bytes");
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
    }
}
