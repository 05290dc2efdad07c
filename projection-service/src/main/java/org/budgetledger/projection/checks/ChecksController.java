package org.budgetledger.projection.checks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.budgetledger.projection.checks.domain.CheckReport;
import org.budgetledger.projection.checks.domain.Language;
import org.budgetledger.projection.web.NotFound;
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

    public ChecksController(ChecksService checks) {
        this.checks = checks;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getChecks",
            summary = "Every rule (L01–L07, W01–W19, X01–X17) with its status and the figures compared",
            description =
                    "Statuses: PASS, INFO (within a rounding tolerance: 取整误差), WARN, FAIL, SKIPPED (input not available).")
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
            summary = "The same as text, one line per rule, detail for what did not pass",
            description = "In Chinese (通过, 不通过, 跳过 … with each rule's code and Chinese name); in English when "
                    + "Accept-Language prefers English (en, en-US). Content-Language says which.")
    public ResponseEntity<String> text(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        Language language = Language.of(acceptLanguage);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(report(unitCode, fiscalYear).render(language));
    }

    private CheckReport report(String unitCode, int fiscalYear) {
        return checks.check(unitCode, fiscalYear)
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
    }
}
