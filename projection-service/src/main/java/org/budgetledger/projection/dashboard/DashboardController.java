package org.budgetledger.projection.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.budgetledger.kit.scope.ScopedByHandler;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.store.UnitDirectory;
import org.budgetledger.projection.web.BadParameter;
import org.budgetledger.projection.web.NotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Dashboard", description = "Figures across units, from the projections; amounts in 万元 as published")
public class DashboardController {

    private final Dashboards dashboards;

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1_000;

    public DashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/ledgers")
    @ScopedByHandler // the ledgers of the caller's scope only (Dashboards)
    @Operation(operationId = "listLedgers", summary = "The units and fiscal years held, with parent, kind and region")
    public ResponseEntity<List<UnitDirectory.Unit>> ledgers(
            @Parameter(description = "the first to answer (0: from the start)") @RequestParam(defaultValue = "0")
                    int offset,
            @Parameter(description = "how many at most (1 to " + MAX_PAGE + ")")
                    @RequestParam(defaultValue = "" + DEFAULT_PAGE)
                    int limit) {
        return page(dashboards.ledgers(), offset, limit);
    }

    @GetMapping("/{fiscalYear}/units")
    @ScopedByHandler // the units of the caller's scope only (Dashboards)
    @Operation(
            operationId = "getUnitsDashboard",
            summary = "Every unit's headline figures for a year, side by side and sorted",
            description =
                    "income, expenditure, basic/project, 三公 by item against budget, 机关运行经费, closing balance, the "
                            + "change of expenditure against the previous year and how many signals the year has (for "
                            + "auditors: …/final-accounts/{unit}/{year}/signals). Filter by region (prefix) or parent unit (its department).")
    public ResponseEntity<List<Headline>> units(
            @PathVariable int fiscalYear,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String parent,
            @RequestParam(defaultValue = "self") String scope,
            @Parameter(description = "income, expenditure, basic, project, operatingCosts, sangong, closingBalance")
                    @RequestParam(defaultValue = "expenditure")
                    String sort,
            @RequestParam(defaultValue = "desc") String order,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE) int limit) {
        return page(
                dashboards.headlines(
                        fiscalYear,
                        blankToNull(region),
                        blankToNull(parent),
                        scope(scope),
                        sort,
                        !"asc".equalsIgnoreCase(order)),
                offset,
                limit);
    }

    /**
     * One page of a list that grows with the units held (a province holds thousands): X-Total-Count says how many
     * there are in all, so a client can ask for the next page.
     */
    static <T> ResponseEntity<List<T>> page(List<T> all, int offset, int limit) {
        if (offset < 0) {
            throw new BadParameter("offset", "offset must be 0 or more, got " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadParameter("limit", "limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        List<T> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
        return ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(all.size()))
                .body(List.copyOf(page));
    }

    @GetMapping("/{unitCode}/{fiscalYear}")
    @Operation(
            operationId = "getUnitDashboard",
            summary = "One unit's headline figures (consolidated by default) with the change against the previous year",
            description = "signals: how many signals the year has in the same scope (the list, for auditors: "
                    + "…/final-accounts/{unit}/{year}/signals).")
    public Headline unit(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(defaultValue = "department") String scope) {
        return dashboards
                .headline(unitCode, fiscalYear, scope(scope))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
    }

    @GetMapping("/{unitCode}/{fiscalYear}/monthly")
    @Operation(
            operationId = "getMonthly",
            summary = "Spending (basic/project) and income by the month they occurred in, for a unit or its department")
    public List<Map<String, String>> monthly(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestParam(defaultValue = "department") String scope) {
        return dashboards
                .monthly(unitCode, fiscalYear, scope(scope))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
    }

    private static FinalAccounts.Scope scope(String scope) {
        return "self".equalsIgnoreCase(scope) ? FinalAccounts.Scope.SELF : FinalAccounts.Scope.DEPARTMENT;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
