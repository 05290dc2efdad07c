package org.budgetledger.projection.workspace.session;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.ResponseCookie;

/**
 * The session of a workspace request, and its cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), Path=/workspace (the API never sees it), Secure over HTTPS.
 */
public final class WorkspaceSession {

    public static final String COOKIE = "bl_workspace";
    /** The name of the form field that carries the session's form token. */
    public static final String FORM_TOKEN = "formToken";

    static final String ATTRIBUTE = WorkspaceSession.class.getName();
    static final String PATH = "/workspace";

    private WorkspaceSession() {}

    /** The session the request was authenticated with (none on the sign-in page before signing in). */
    public static Optional<SessionTokens.Session> of(HttpServletRequest request) {
        return Optional.ofNullable((SessionTokens.Session) request.getAttribute(ATTRIBUTE));
    }

    /** The cookie that holds a new session. */
    public static ResponseCookie cookie(String token, Duration lifetime, boolean secure) {
        return ResponseCookie.from(COOKIE, token)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path(PATH)
                .maxAge(lifetime)
                .build();
    }

    /** The cookie that ends the session in this browser. */
    public static ResponseCookie cleared(boolean secure) {
        return ResponseCookie.from(COOKIE, "")
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path(PATH)
                .maxAge(0)
                .build();
    }
}
