package org.budgetledger.projection.workspace.session;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Whether a request that changes something (a sign-in, a sign-out) comes from one of our own pages: its Origin (or,
 * where a browser sends none, its Referer) names the host the request was sent to, or an origin configured as ours.
 * A request naming neither is refused: every browser we serve sends Origin with a POST.
 */
final class SameOrigin {

    private SameOrigin() {}

    static boolean holds(HttpServletRequest request, List<String> allowedOrigins) {
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        if (source == null || source.isBlank() || source.equals("null")) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(source.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(scheme + "://" + authority))) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && host.trim().toLowerCase(Locale.ROOT).equals(authority)
                || host != null && defaultPort(scheme, host).equals(authority);
    }

    /** "example.org" as the browser writes the authority when it names the default port ("example.org:443"). */
    private static String defaultPort(String scheme, String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.contains(":") ? h : h + (scheme.equals("https") ? ":443" : ":80");
    }
}
