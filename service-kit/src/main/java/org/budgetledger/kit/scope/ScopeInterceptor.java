package org.budgetledger.kit.scope;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies the caller's unit scope to every endpoint of ours before it runs: the unit and year of its path
 * ({@code unitCode}/{@code unit}, {@code fiscalYear}/{@code year}) must be covered; an endpoint without a unit in its
 * path is for the whole installation, unless it says otherwise ({@link AnyScope}, {@link ScopedByHandler}). So a new
 * endpoint is closed to a scoped caller until someone decides. Roles are the security chain's business, before this.
 */
public final class ScopeInterceptor implements HandlerInterceptor {

    private static final String OURS = "org.budgetledger.";

    private final UnitScopes scopes;

    public ScopeInterceptor(UnitScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || request.getDispatcherType() != DispatcherType.REQUEST
                || !method.getBeanType().getName().startsWith(OURS)
                || marked(method, AnyScope.class)
                || marked(method, ScopedByHandler.class)) {
            return true; // Spring's own (error page, API documentation), or decided by the endpoint
        }
        @SuppressWarnings("unchecked")
        Map<String, String> vars =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String unit = first(vars, "unitCode", "unit");
        String year = first(vars, "fiscalYear", "year");
        if (unit != null && year != null && year.matches("\\d{1,9}")) {
            scopes.require(null, unit, Integer.parseInt(year));
        } else {
            scopes.requireInstallation(request.getMethod() + " " + request.getRequestURI());
        }
        return true;
    }

    private static boolean marked(HandlerMethod method, Class<? extends java.lang.annotation.Annotation> mark) {
        return method.hasMethodAnnotation(mark) || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), mark);
    }

    private static String first(Map<String, String> vars, String... names) {
        if (vars == null) {
            return null;
        }
        for (String name : names) {
            if (vars.get(name) != null) {
                return vars.get(name);
            }
        }
        return null;
    }
}
