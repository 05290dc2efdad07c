package org.budgetledger.projection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.kit.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class ExpensiveRequestsTest {

    private final ExpensiveRequests limit = new ExpensiveRequests(2);

    @AfterEach
    void anonymous() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCallerHasAtMostItsShareUnderWayTheNextIs429AtOnceAndOthersAreNotHeldUp() throws Exception {
        as("api-key:viewer");
        MockHttpServletRequest first = request("/api/v1/final-accounts/HT-CAC/2019/report.xlsx", null);
        MockHttpServletRequest second = request("/api/v1/dashboard/2019/units", null);
        assertThat(limit.preHandle(first, new MockHttpServletResponse(), null)).isTrue();
        assertThat(limit.preHandle(second, new MockHttpServletResponse(), null)).isTrue();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(limit.preHandle(
                        request("/api/v1/final-accounts/HT-CAC/2019/cells", "2019-06-30T00:00:00Z"), refused, null))
                .isFalse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("\"error\":\"too_many_requests\"");
        assertThat(limit.preHandle(
                        request("/api/v1/final-accounts/HT-CAC/2019/cells", null), new MockHttpServletResponse(), null))
                .as("a cached answer is not expensive")
                .isTrue();

        as("jwt:auditor-1");
        assertThat(limit.preHandle(
                        request("/api/v1/final-accounts/HT-CAC/2019/tables/01.csv", null),
                        new MockHttpServletResponse(),
                        null))
                .as("another caller")
                .isTrue();

        limit.afterCompletion(first, new MockHttpServletResponse(), null, null);
        as("api-key:viewer");
        assertThat(limit.underWay("api-key:viewer")).isEqualTo(1);
        assertThat(limit.preHandle(
                        request("/api/v1/final-accounts/HT-CAC/2019/report", null),
                        new MockHttpServletResponse(),
                        null))
                .isTrue();
    }

    @Test
    void whichAnswersAreExpensive() {
        for (String path : List.of(
                "/api/v1/final-accounts/X/2019",
                "/api/v1/final-accounts/X/2019/report",
                "/api/v1/final-accounts/X/2019/audit",
                "/api/v1/final-accounts/X/2019/tables/06.txt",
                "/api/v1/final-accounts/X/2019/signals",
                "/api/v1/dashboard/2019/units",
                "/api/v1/dashboard/X/2019/monthly")) {
            assertThat(ExpensiveRequests.expensive(path, false)).as(path).isTrue();
        }
        assertThat(ExpensiveRequests.expensive("/api/v1/final-accounts/X/2019/cells", false))
                .isFalse();
        assertThat(ExpensiveRequests.expensive("/api/v1/final-accounts/X/2019/cells", true))
                .isTrue();
        assertThat(ExpensiveRequests.expensive("/api/v1/dashboard/ledgers", false))
                .isFalse();
    }

    private static MockHttpServletRequest request(String path, String asOf) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (asOf != null) {
            request.setParameter("asOf", asOf);
        }
        return request;
    }

    private static void as(String name) {
        Caller caller = new Caller(name, Set.of(Role.VIEWER), Set.of());
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of()));
    }
}
