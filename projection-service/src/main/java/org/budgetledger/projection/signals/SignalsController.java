package org.budgetledger.projection.signals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.FinalAccountsController;
import org.budgetledger.projection.signals.domain.PostingRef;
import org.budgetledger.projection.signals.domain.Signal;
import org.budgetledger.projection.web.NotFound;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(
        path = "/api/v1/final-accounts/{unitCode}/{fiscalYear}/signals",
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Signals",
        description = "For auditors: what in a unit's year deserves a look (postings after the close, late entries, "
                + "年底突击支出, spending over budget), each with the cells and postings it is reproducible from "
                + "(docs/SIGNALS.md)")
public class SignalsController {

    static final String EXAMPLE = """
            {"unitCode": "DEMO-WLJ", "fiscalYear": 2020, "scope": "department",
             "thresholds": {"lateEntryDays": 30, "decemberSharePercent": "25", "q4SharePercent": "40",
                            "minimumYearExpenditure": "100000.00", "aboveHistoryPoints": "15", "historyYears": 3},
             "signals": [
              {"kind": "YEAR_END_RUSH", "severity": "WARNING", "unitCode": "DEMO-WLJ", "scope": "self",
               "message": "Spending on economic class 302: December 32.03% and Q4 41.48% of the year's 161.85 万元 (December above 25%; Q4 above 40%)",
               "messageZh": "经济分类302类支出：12月占全年161.85万元的32.03%，第四季度占41.48%（12月占比超过25%；第四季度占比超过40%）",
               "figures": {"economicClass": "302", "year": "161.85", "yearYuan": "1618500.00", "q4": "67.14",
                           "q4Yuan": "671427.38", "december": "51.84", "decemberYuan": "518439.82",
                           "decemberShare": "32.03", "q4Share": "41.48", "decemberSharePercentOver": "25",
                           "q4SharePercentOver": "40", "minimumYearExpenditure": "10.00",
                           "minimumYearExpenditureYuan": "100000.00"},
               "cellKeys": [],
               "postings": [{"sourceSystem": "treasury-payments", "postingId": "DEMO-WLJ-2020-00284",
                             "unitCode": "DEMO-WLJ", "type": "EXPENDITURE", "amount": "123976.86",
                             "occurredOn": "2020-12-24", "recordedAt": "2020-12-24T03:15:00Z", "sequence": 147}]},
              {"kind": "OVER_BUDGET", "severity": "WARNING", "unitCode": "DEMO-WLJ", "scope": "department",
               "message": "三公 item reception (公务接待费): actual 2.35 above its full-year budget 1.50 万元 (by 8500.00 yuan)",
               "messageZh": "公务接待费决算数2.35万元超过全年预算数1.50万元（超出8500.00元）",
               "figures": {"item": "reception", "budget": "1.50", "budgetYuan": "15000.00", "actual": "2.35",
                           "actualYuan": "23500.00", "excess": "0.85", "excessYuan": "8500.00"},
               "cellKeys": ["07/budget/reception", "07/actual/reception"], "postings": []}]}""";

    private final SignalsService signals;

    public SignalsController(SignalsService signals) {
        this.signals = signals;
    }

    @GetMapping
    @Operation(
            operationId = "getSignals",
            summary = "Signals for auditors: AFTER_PUBLICATION, AFTER_CLOSE, LATE_ENTRY, YEAR_END_RUSH, OVER_BUDGET",
            description = "Consolidated over the unit and its descendants, or the unit alone with scope=self (as the "
                    + "cells). Each signal's figures are cells of cellKeys (their audit trail at the signal's unitCode "
                    + "and scope gives them) or exact sums of its postings (amount: yuan, negative for a reversal or "
                    + "a budget decrease). Amounts in figures as the cells print them (万元) with the exact yuan beside "
                    + "(…Yuan); shares in percent. message in English, messageZh in Chinese. Errors first, then by "
                    + "kind and unit. The figures as they stand now: there is no asOf. Thresholds: projection.signals.* "
                    + "(docs/SIGNALS.md).")
    @ApiResponse(
            responseCode = "200",
            description = "The signals, none when nothing calls for a look",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object"),
                            examples = @ExampleObject(value = EXAMPLE)))
    public Map<String, Object> signals(
            @PathVariable String unitCode,
            @PathVariable int fiscalYear,
            @Parameter(description = "department (default: the unit and its descendants) or self (the unit alone)")
                    @RequestParam(defaultValue = "department")
                    String scope) {
        FinalAccounts.Scope read = FinalAccountsController.scope(scope);
        List<Signal> found = signals.signals(unitCode, fiscalYear, read)
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", unitCode);
        body.put("fiscalYear", fiscalYear);
        body.put("scope", read.name().toLowerCase());
        body.put("thresholds", SignalsService.describe(signals.thresholds()));
        body.put("signals", found.stream().map(SignalsController::json).toList());
        return body;
    }

    static Map<String, Object> json(Signal s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", s.kind());
        out.put("severity", s.severity());
        out.put("unitCode", s.unitCode());
        out.put("scope", s.scope());
        out.put("message", s.message().en());
        out.put("messageZh", s.message().zh());
        out.put("figures", s.figures());
        out.put("cellKeys", s.cellKeys());
        out.put("postings", s.postings().stream().map(SignalsController::json).toList());
        return out;
    }

    private static Map<String, Object> json(PostingRef p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sourceSystem", p.sourceSystem());
        out.put("postingId", p.postingId());
        out.put("unitCode", p.unitCode());
        out.put("type", p.type());
        out.put("amount", Money.ofFen(p.fen()).toString());
        out.put("occurredOn", p.occurredOn() == null ? null : p.occurredOn().toString());
        out.put("recordedAt", p.recordedAt().toString());
        out.put("sequence", p.sequence());
        if (p.reverses() != null) {
            out.put("reverses", p.reverses());
        }
        return out;
    }
}
