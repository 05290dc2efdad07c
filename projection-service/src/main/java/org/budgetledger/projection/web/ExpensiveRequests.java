package org.budgetledger.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.budgetledger.kit.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Answers that cost a real computation (renderings of the disclosure, audit exports, signals, dashboards over every
 * unit, and anything as of an instant): one caller may have at most a few of them under way at once. One more is
 * answered 429 with Retry-After at once, rather than queued without bound where it would hold a thread and memory and
 * slow every other reader. A caller is who authenticated (all who share an API key are one caller).
 */
public final class ExpensiveRequests implements HandlerInterceptor {

    /** The paths whose answers are expensive whatever their parameters (an {@code asOf} makes any answer so). */
    public static final List<String> PATHS = List.of(
            "/api/v1/final-accounts/{unit}/{year}",
            "/api/v1/final-accounts/{unit}/{year}/report",
            "/api/v1/final-accounts/{unit}/{year}/report.xlsx",
            "/api/v1/final-accounts/{unit}/{year}/tables/{table}",
            "/api/v1/final-accounts/{unit}/{year}/audit",
            "/api/v1/final-accounts/{unit}/{year}/checks",
            "/api/v1/final-accounts/{unit}/{year}/signals",
            "/api/v1/dashboard/{year}/units",
            "/api/v1/dashboard/{unit}/{year}/monthly");

    /** The workspace's pages that render the same (docs/WORKSPACE.md): bounded alike, per signed-in caller. */
    public static final List<String> WORKSPACE_PATHS = List.of(
            "/workspace/{unit}/{year:\\d+}",
            "/workspace/{unit}/{year:\\d+}/checks",
            "/workspace/{unit}/{year:\\d+}/print",
            "/workspace/{unit}/{year:\\d+}/report.xlsx",
            "/workspace/{unit}/{year:\\d+}/tables/{table}",
            "/workspace/{unit}/{year:\\d+}/cells/**",
            "/workspace/dashboard/{year:\\d+}",
            "/workspace/dashboard/{year:\\d+}/units.csv");

    private static final List<PathPattern> PATTERNS = java.util.stream.Stream.concat(
                    PATHS.stream(), WORKSPACE_PATHS.stream())
            .map(PathPatternParser.defaultInstance::parse)
            .toList();
    private static final String UNDER_WAY = ExpensiveRequests.class.getName() + ".caller";

    private final int perCaller;
    private final Map<String, Integer> underWay = new ConcurrentHashMap<>();

    public ExpensiveRequests(int perCaller) {
        if (perCaller < 1) {
            throw new IllegalArgumentException(
                    "projection.expensive-requests-per-caller must be at least 1, got " + perCaller);
        }
        this.perCaller = perCaller;
    }

    public static boolean expensive(String path, boolean asOf) {
        PathContainer container = PathContainer.parsePath(path);
        return asOf || PATTERNS.stream().anyMatch(p -> p.matches(container));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!expensive(request.getRequestURI(), request.getParameter("asOf") != null)) {
            return true;
        }
        String caller = Caller.current().map(Caller::name).orElseGet(request::getRemoteAddr);
        boolean[] admitted = {false};
        underWay.compute(caller, (k, n) -> { // atomic per caller; the function runs once
            int now = n == null ? 0 : n;
            admitted[0] = now < perCaller;
            return admitted[0] ? now + 1 : n;
        });
        if (!admitted[0]) {
            refuse(response);
            return false;
        }
        request.setAttribute(UNDER_WAY, caller);
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        Object caller = request.getAttribute(UNDER_WAY);
        if (caller != null) {
            underWay.computeIfPresent((String) caller, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    int underWay(String caller) {
        return underWay.getOrDefault(caller, 0);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", "1");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream()
                .write(("{\"error\":\"too_many_requests\",\"message\":\"at most " + perCaller
                                + " expensive requests (reports, exports, dashboards, as-of answers) of one caller at a time: send it again "
                                + "after Retry-After\",\"field\":null}")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
