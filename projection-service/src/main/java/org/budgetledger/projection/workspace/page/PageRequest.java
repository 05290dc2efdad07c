package org.budgetledger.projection.workspace.page;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.web.AsOf;
import org.budgetledger.projection.web.BadParameter;

/**
 * What every workspace page takes besides its path: {@code asOf} (an ISO instant: the figures as a reader saw them
 * then; none: now, and the page follows new postings) and {@code scope=self} (the unit alone, not consolidated).
 */
public record PageRequest(String path, Instant asOf, boolean self) {

    public static PageRequest of(HttpServletRequest request) {
        return new PageRequest(request.getRequestURI(), asOf(request.getParameter("asOf")), self(request));
    }

    /** The same page without its parameters, when they are what is wrong with it. */
    public static PageRequest plain(HttpServletRequest request) {
        return new PageRequest(request.getRequestURI(), null, false);
    }

    static Instant asOf(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        Instant asOf;
        try {
            asOf = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                asOf = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new BadParameter("asOf", "asOf 须为 ISO 时刻，例如 2019-12-31T16:00:00Z，而不是：" + raw);
            }
        }
        return AsOf.checked(asOf);
    }

    private static boolean self(HttpServletRequest request) {
        String scope = request.getParameter("scope");
        if (scope == null || scope.isBlank() || scope.equalsIgnoreCase("department")) {
            return false;
        }
        if (scope.equalsIgnoreCase("self")) {
            return true;
        }
        throw new BadParameter("scope", "scope 只能是 self（本单位）或 department（合并），而不是：" + scope);
    }

    public FinalAccounts.Scope scope() {
        return self ? FinalAccounts.Scope.SELF : FinalAccounts.Scope.DEPARTMENT;
    }

    /** "?asOf=…&scope=self", or "" for the consolidated figures of now. */
    public String query() {
        return query(asOf, self);
    }

    /** A path with this page's parameters. */
    public String link(String path) {
        return path + query();
    }

    /** A path with these parameters. */
    public static String link(String path, Instant asOf, boolean self) {
        return path + query(asOf, self);
    }

    private static String query(Instant asOf, boolean self) {
        StringBuilder q = new StringBuilder();
        if (asOf != null) {
            q.append("?asOf=").append(URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8));
        }
        if (self) {
            q.append(q.length() == 0 ? '?' : '&').append("scope=self");
        }
        return q.toString();
    }
}
