package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.budgetledger.client.ledger.api.PostingsApi;
import org.budgetledger.client.ledger.api.UnitsApi;
import org.budgetledger.client.projection.api.FinalAccountsApi;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both services driven by Java clients that OpenAPI Generator made from the committed documents (docs/openapi):
 * what a payment system or a finance bureau would generate, authenticating as the documents' security schemes say
 * and reading the errors they document.
 */
class GeneratedClientTest {

    private static TwoServices services;

    @BeforeAll
    static void start() throws Exception {
        services = TwoServices.start("client");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (services != null) {
            services.stop();
        }
    }

    @Test
    void aGeneratedClientRegistersPostsAndReadsThePublishedFigures() throws Exception {
        var ledger = new org.budgetledger.client.ledger.ApiClient();
        ledger.updateBaseUri(services.ledger.url(""));
        ledger.setRequestInterceptor(request -> request.header("X-API-Key", TwoServices.KEY));
        var projection = new org.budgetledger.client.projection.ApiClient();
        projection.updateBaseUri(services.projection.url(""));
        projection.setRequestInterceptor(request -> request.header("X-API-Key", TwoServices.KEY));

        JsonNode unit = Fixtures.of(Fixtures.HETANG).units().get(0);
        String code = unit.get("unitCode").asText();
        int year = unit.get("fiscalYear").asInt();
        new UnitsApi(ledger).putUnitProfile(code, year, unit.get("profile"));
        Object answer = new PostingsApi(ledger)
                .recordPosting(Map.of(
                        "postingId",
                        "GEN-1",
                        "sourceSystem",
                        "treasury-payments",
                        "unitCode",
                        code,
                        "fiscalYear",
                        year,
                        "type",
                        "APPROPRIATION",
                        "fundSource",
                        "GENERAL_BUDGET",
                        "functionalCode",
                        "2013701",
                        "amount",
                        "1000.00",
                        "occurredOn",
                        year + "-03-01"));
        assertThat(answer).asString().contains("RECORDED");
        assertThat(new UnitsApi(ledger).getLedgerState(code, year).getPostings())
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(new FinalAccountsApi(projection).getCells(code, year, "self", null, null))
                                .asString()
                                .contains("0.10"));

        var anonymous = new org.budgetledger.client.ledger.ApiClient();
        anonymous.updateBaseUri(services.ledger.url(""));
        assertThatThrownBy(() -> new UnitsApi(anonymous).getLedgerState(code, year))
                .isInstanceOfSatisfying(org.budgetledger.client.ledger.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    assertThat(e.getResponseBody()).contains("\"error\":\"unauthorized\"");
                });
    }
}
