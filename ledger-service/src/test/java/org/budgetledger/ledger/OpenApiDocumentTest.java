package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.budgetledger.testkit.OpenApiDocuments;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the service serves is the one committed in docs/openapi (clients are generated from that
 * file), and Redocly's recommended rules find nothing in it: every operation says how to authenticate and which
 * errors it may answer.
 */
class OpenApiDocumentTest extends IntegrationTest {

    @Test
    void theServedDocumentIsTheCommittedOneAndLintsClean() throws Exception {
        String served = OpenApiDocuments.normalized(http.getForObject("/v3/api-docs", String.class));
        Path actual = Path.of("target/openapi/ledger-service.json");
        Files.createDirectories(actual.getParent());
        Files.writeString(actual, served);
        Path committed = OpenApiDocuments.committed("ledger-service");
        assertThat(Files.exists(committed) ? Files.readString(committed) : "")
                .as(
                        "docs/openapi/ledger-service.json is what the service serves; if the change is meant: cp %s %s",
                        actual.toAbsolutePath(), committed)
                .isEqualTo(served);
        assertThat(OpenApiDocuments.lint(committed)).as("redocly lint").isEmpty();
    }
}
