package org.budgetledger.projection.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The workspace's access control on the running service: signing in with the API's keys, the session cookie and what
 * it does not do, the roles as in the API, and requests that change something only from our own pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspaceAccessTest {

    static final String VIEWER = "viewer-key-for-the-workspace-tests";
    static final String AUDITOR = "auditor-key-for-the-workspace-tests";
    static final String POSTER = "poster-key-for-the-workspace-tests";
    static final String SCOPED = "school-viewer-key-for-the-workspace-tests";

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "workspace");
        registry.add("budgetledger.security.viewer-key", () -> VIEWER);
        registry.add("budgetledger.security.auditor-key", () -> AUDITOR);
        registry.add("budgetledger.security.poster-key", () -> POSTER);
        registry.add("budgetledger.security.poster-source-systems", () -> "treasury-payments");
        registry.add("budgetledger.security.api-keys[0].key", () -> SCOPED);
        registry.add("budgetledger.security.api-keys[0].roles", () -> "VIEWER");
        registry.add("budgetledger.security.api-keys[0].scope", () -> "SCHOOL-1");
    }

    /** A unit's page for a key scoped to another unit: refused as a page in Chinese, as the API refuses it. */
    @Test
    void aKeyScopedToOneUnitSeesNoOtherUnitsPages() throws Exception {
        String scoped = cookie(SCOPED);
        HttpResponse<String> other = get("/workspace/OTHER-UNIT/2019", scoped);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("无权查看", "OTHER-UNIT", "SCHOOL-1");
        assertThat(get("/workspace/SCHOOL-1/2019", scoped).statusCode())
                .as("its own unit is let through (and has no figures here)")
                .isEqualTo(404);
        assertThat(get("/workspace/OTHER-UNIT/2019", cookie(VIEWER)).statusCode())
                .as("a key of the whole installation")
                .isEqualTo(404);
    }

    @Test
    void aPageAsksToSignInAndComesBackAfterwards() throws Exception {
        HttpResponse<String> page = get("/workspace/X/2019?scope=self", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow().replace(origin(), ""))
                .isEqualTo("/workspace/sign-in?next="
                        + URLEncoder.encode("/workspace/X/2019?scope=self", StandardCharsets.UTF_8));
        HttpResponse<String> form = get("/workspace/sign-in", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"apiKey\"", "<html lang=\"zh-CN\">", "登录");
        assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'");

        HttpResponse<String> signedIn = signIn(VIEWER, "/workspace/X/2019?scope=self", origin());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow().replace(origin(), ""))
                .isEqualTo("/workspace/X/2019?scope=self");
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith("bl_workspace=")
                .contains("HttpOnly", "SameSite=Strict", "Path=/workspace", "Max-Age=28800")
                .doesNotContain(VIEWER);
    }

    @Test
    void aKeyIsCheckedAsTheApiChecksIt() throws Exception {
        assertThat(signIn("not-a-key-of-ours-at-all-000", null, origin()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> poster = signIn(POSTER, null, origin());
        assertThat(poster.statusCode()).isEqualTo(403);
        assertThat(poster.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(signIn(AUDITOR, null, origin()).statusCode()).isEqualTo(303);
    }

    @Test
    void rolesDecideAsInTheApi() throws Exception {
        String viewer = cookie(VIEWER);
        String auditor = cookie(AUDITOR);
        assertThat(get("/workspace/", viewer).statusCode()).isEqualTo(200);
        HttpResponse<String> missing = get("/workspace/X/2019", viewer);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("未找到");
        HttpResponse<String> trail = get("/workspace/X/2019/cells/06/30217/amount", viewer);
        assertThat(trail.statusCode()).isEqualTo(403);
        assertThat(trail.body()).contains("无权查看", "审计");
        assertThat(get("/workspace/X/2019/cells/06/30217/amount", auditor).statusCode())
                .isEqualTo(404); // allowed, nothing there
        for (String auditorsOnly : java.util.List.of(
                "/workspace/X/2019/signals",
                "/workspace/X/2019/postings/treasury-payments/P-1",
                "/workspace/X/2019/publications/some-id",
                "/workspace/X/2019/chain")) {
            assertThat(get(auditorsOnly, viewer).statusCode()).as(auditorsOnly).isEqualTo(403);
            assertThat(get(auditorsOnly, auditor).statusCode())
                    .as(auditorsOnly)
                    .isIn(200, 404); // allowed, nothing (or an empty chain) there
        }
        assertThat(get("/workspace/X/2019/publications", viewer).statusCode()).isEqualTo(404); // allowed, nothing there
        assertThat(get("/workspace/dashboard/2019", viewer).statusCode()).isEqualTo(200);
        assertThat(get("/workspace/X/2019?asOf=yesterday", viewer).statusCode()).isEqualTo(400);
    }

    @Test
    void theCookieIsNoApiCredentialAndAForgedOneIsNone() throws Exception {
        String viewer = cookie(VIEWER);
        assertThat(get("/api/v1/dashboard/ledgers", viewer).statusCode()).isEqualTo(401);
        String forged = viewer.substring(0, viewer.length() - 2) + (viewer.endsWith("AA") ? "BB" : "AA");
        assertThat(get("/workspace/", forged).statusCode()).isEqualTo(302);
        assertThat(get("/workspace/dashboard/2019/position", forged).statusCode())
                .isEqualTo(401);
    }

    @Test
    void requestsThatChangeSomethingComeOnlyFromOurPages() throws Exception {
        assertThat(signIn(VIEWER, null, null).statusCode()).isEqualTo(403);
        assertThat(signIn(VIEWER, null, "https://elsewhere.example").statusCode())
                .isEqualTo(403);
        assertThat(signIn(VIEWER, null, "null").statusCode()).isEqualTo(403);

        String viewer = cookie(VIEWER);
        HttpResponse<String> start = get("/workspace/", viewer);
        Matcher token = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"").matcher(start.body());
        assertThat(token.find()).as(start.body()).isTrue();
        assertThat(post("/workspace/sign-out", "", viewer, origin()).statusCode())
                .as("without the form token")
                .isEqualTo(403);
        assertThat(post("/workspace/sign-out", "formToken=" + token.group(1), viewer, "https://elsewhere.example")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> out = post("/workspace/sign-out", "formToken=" + token.group(1), viewer, origin());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("bl_workspace=;", "Max-Age=0");
    }

    @Test
    void aSignInLeadsOnlyBackIntoTheWorkspace() throws Exception {
        for (String next : List.of(
                "//elsewhere.example/x",
                "https://elsewhere.example",
                "/api/v1/dashboard/ledgers",
                "/workspace//elsewhere.example",
                "/\\elsewhere.example")) {
            assertThat(signIn(VIEWER, next, origin())
                            .headers()
                            .firstValue("Location")
                            .orElseThrow())
                    .as(next)
                    .isEqualTo("/workspace/");
        }
    }

    @Test
    void theAssetsAreServedByTheApplicationItself() throws Exception {
        for (String asset : List.of(
                "/workspace/assets/workspace.js",
                "/workspace/assets/workspace.css",
                "/workspace/assets/report.css",
                "/workspace/assets/vendor/echarts/echarts.min.js")) {
            HttpResponse<String> answer = get(asset, null);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control").orElseThrow())
                    .as(asset)
                    .contains("max-age=3600");
        }
        assertThat(get("/workspace/assets/report.css", null).body()).contains("table.accounts");
        for (String unitsPage :
                List.of("/workspace/assets/2019", "/workspace/oauth2/2019", "/workspace/assets/2019/checks")) {
            assertThat(get(unitsPage, null).statusCode())
                    .as("a unit coded like an open path is not open: " + unitsPage)
                    .isIn(302, 303, 401);
        }
    }

    private String origin() {
        return "http://127.0.0.1:" + port;
    }

    private String cookie(String key) throws Exception {
        HttpResponse<String> answer = signIn(key, null, origin());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> signIn(String key, String next, String origin) throws Exception {
        String body = "apiKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        return post("/workspace/sign-in", body, null, origin);
    }

    private HttpResponse<String> post(String path, String body, String cookie, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
