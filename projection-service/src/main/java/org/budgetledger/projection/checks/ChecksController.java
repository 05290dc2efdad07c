package org.budgetledger.projection.checks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.kit.security.Role;
import org.budgetledger.projection.checks.domain.CheckReport;
import org.budgetledger.projection.checks.domain.Language;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.signals.SignalsService;
import org.budgetledger.projection.signals.domain.Signals;
import org.budgetledger.projection.web.NotFound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/final-accounts/{unitCode}/{fiscalYear}/checks")
@Tag(
        name = "Checks",
        description = "审核公式: every validation rule of the disclosure with pass/fail and the figures it compared")
public class ChecksController {

    private final ChecksService checks;
    private final SignalsService signals;
    /** budgetledger.security.enabled: off, every caller may read everything (a closed test bench). */
    private final boolean accessControlled;

    public ChecksController(
            ChecksService checks,
            SignalsService signals,
            @Value("${budgetledger.security.enabled:true}") boolean accessControlled) {
        this.checks = checks;
        this.signals = signals;
        this.accessControlled = accessControlled;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getChecks",
            summary = "Every rule (L01–L07, W01–W19, X01–X17) with its status and the figures compared",
            description =
                    "Statuses: PASS, INFO (within a rounding tolerance: 取整误差), WARN, FAIL, SKIPPED (input not available). "
                            + "As text (Accept: text/plain) the rules are followed by the department's signals (docs/SIGNALS.md).")
    public Map<String, Object> json(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        CheckReport report = report(unitCode, fiscalYear);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", unitCode);
        body.put("fiscalYear", fiscalYear);
        body.put("summary", report.summary());
        body.put("results", report.results());
        return body;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(
            operationId = "getChecksText",
            summary = "The same as text, one line per rule, detail for what did not pass; then the signals",
            description = "In Chinese (通过, 不通过, 跳过 … with each rule's code and Chinese name); in English when "
                    + "Accept-Language prefers English (en, en-US). Content-Language says which. After the rules, a "
                    + "section \"Signals\" (预警信号) lists the department's signals (docs/SIGNALS.md); the postings "
                    + "behind each only for auditors and admins.")
    public ResponseEntity<String> text(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            jakarta.servlet.http.HttpServletRequest request) {
        Language language = Language.of(acceptLanguage);
        String rules = report(unitCode, fiscalYear).render(language);
        String signalsText = signals.signals(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT)
                .map(found -> Signals.render(found, language, readsPostings(request)))
                .orElse("");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(signalsText.isEmpty() ? rules : rules + "\n\n" + signalsText);
    }

    /** The postings behind signals are audit material: auditors and admins read them (everyone without access control). */
    private boolean readsPostings(jakarta.servlet.http.HttpServletRequest request) {
        return !accessControlled
                || request.isUserInRole(Role.AUDITOR.name())
                || request.isUserInRole(Role.ADMIN.name());
    }

    private CheckReport report(String unitCode, int fiscalYear) {
        return checks.check(unitCode, fiscalYear)
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
    }
}
