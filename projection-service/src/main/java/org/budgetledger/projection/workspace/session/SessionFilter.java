package org.budgetledger.projection.workspace.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.kit.security.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a workspace request by its session cookie, and refuses a request that changes something unless it
 * comes from one of our pages (its Origin) and, once signed in, carries the session's form token.
 */
final class SessionFilter extends OncePerRequestFilter {

    static final String SIGN_IN = "/workspace/sign-in";
    private static final Set<String> READS = Set.of("GET", "HEAD");

    /** Everyone, when access control is off (a closed test bench): every page is open, as every endpoint is. */
    static final Caller OPEN =
            new Caller("access-control-off", Set.of(Role.VIEWER, Role.AUDITOR, Role.ADMIN), Set.of());

    private final SessionTokens tokens;
    private final boolean open;
    private final List<String> allowedOrigins;

    SessionFilter(SessionTokens tokens, boolean open, List<String> allowedOrigins) {
        this.tokens = tokens;
        this.open = open;
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean changes = !READS.contains(request.getMethod());
        if (changes && !SameOrigin.holds(request, allowedOrigins)) {
            refuse(response, "无法确认此请求来自本系统的页面（Origin 不符），已拒绝。请从工作台页面重新操作。");
            return;
        }
        Optional<SessionTokens.Session> session = open
                ? Optional.of(new SessionTokens.Session("", OPEN, "open", Instant.MAX))
                : cookie(request).flatMap(tokens::verify);
        if (changes
                && !request.getRequestURI().equals(SIGN_IN)
                && (session.isEmpty() || !sameToken(session.get().formToken(), request))) {
            refuse(response, "表单已失效或不是本系统发出的，已拒绝。请刷新页面后重试。");
            return;
        }
        session.ifPresent(s -> {
            request.setAttribute(WorkspaceSession.ATTRIBUTE, s);
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            s.caller(),
                            null,
                            s.caller().roles().stream()
                                    .map(r -> new SimpleGrantedAuthority(r.authority()))
                                    .toList()));
        });
        chain.doFilter(request, response);
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (WorkspaceSession.COOKIE.equals(c.getName())) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean sameToken(String expected, HttpServletRequest request) {
        String presented = request.getParameter(WorkspaceSession.FORM_TOKEN);
        return presented != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream()
                .write(("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"/><title>请求被拒绝</title>"
                                + "</head><body><main><h1>请求被拒绝（403）</h1><p>" + message
                                + "</p><p><a href=\"/workspace/\">返回工作台</a></p></main></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
