package org.budgetledger.projection.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An identity provider configured but not answering: the service starts all the same, the sign-in page still offers
 * it, choosing it says the provider cannot be reached (503) instead of failing, and keys still sign in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderDownTest {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfra.register(registry, "provider_down");
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort(); // closed again: nothing listens there
        }
        registry.add("projection.workspace.oidc.issuer-uri", () -> "http://127.0.0.1:" + nobody);
        registry.add("projection.workspace.oidc.client-id", () -> "workspace");
        registry.add("projection.workspace.oidc.client-secret", () -> "a-secret-for-the-tests");
        registry.add("budgetledger.security.viewer-key", () -> WorkspaceAccessTest.VIEWER);
    }

    @Test
    void theSignInPageSaysSoAndKeysStillSignIn() throws Exception {
        HttpResponse<String> form = get("/workspace/sign-in");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("data-sign-in-provider", "name=\"apiKey\"");

        HttpResponse<String> chosen = get("/workspace/sign-in/provider?next=/workspace/");
        assertThat(chosen.statusCode()).isEqualTo(503);
        assertThat(chosen.body()).contains("暂时无法访问", "name=\"apiKey\"");
        assertThat(get("/workspace/oauth2/authorization/idp").statusCode())
                .as("straight to the flow, with no registration to be had")
                .isNotEqualTo(302);

        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/workspace/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "http://127.0.0.1:" + port)
                        .POST(HttpRequest.BodyPublishers.ofString("apiKey=" + WorkspaceAccessTest.VIEWER))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
