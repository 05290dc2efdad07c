package org.budgetledger.ledger.closing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.contract.event.YearClosed;
import org.budgetledger.ledger.posting.PostingResult;
import org.budgetledger.ledger.web.RestRequests;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Close a year. */
@RestController
@RequestMapping(path = "/api/v1/units/{unitCode}/years/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Units", description = "A budget unit's profile, narrative text and year close, per fiscal year")
public class YearCloseController {

    private final YearCloseService closes;
    private final Clock clock;

    public YearCloseController(YearCloseService closes, Clock clock) {
        this.closes = closes;
        this.clock = clock;
    }

    @PostMapping("/close")
    @Operation(
            operationId = "closeYear",
            summary = "Close the year: no further postings; closing balances become next year's opening balances",
            description =
                    "Closing balances (年末结转和结余) per fund source, functional code and basic/project are recorded in the "
                            + "next year as OPENING_BALANCE postings of source system \"year-close\" whose ids the YearClosed event lists. "
                            + "Repeating the close is safe and completes an interrupted one. The answer's digest is the head of the "
                            + "ledger's hash chain after the close: keep it outside the system and check it later with /verify?digest=.")
    public Map<String, Object> close(@PathVariable String unitCode, @PathVariable int fiscalYear) {
        YearCloseService.Closing closing =
                closes.close(RestRequests.ledger(unitCode, fiscalYear), RestRequests.recording(clock));
        List<Map<String, Object>> balances = new ArrayList<>();
        for (YearClosed.ClosingBalance b : closing.closed().closingBalances()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("fundSource", b.fundSource());
            line.put("functionalCode", b.functionalCode());
            line.put("expenditureKind", b.expenditureKind());
            line.put("amount", b.amount());
            line.put("openingPostingId", b.openingPostingId());
            balances.add(line);
        }
        List<Map<String, Object>> openings = new ArrayList<>();
        for (PostingResult r : closing.openings()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("postingId", r.outcome().postingId());
            line.put("status", r.outcome().status());
            if (r.outcome().violation() != null) {
                line.put("error", r.outcome().violation().error());
                line.put("message", r.outcome().violation().message());
            }
            openings.add(line);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unitCode", unitCode);
        answer.put("fiscalYear", fiscalYear);
        answer.put("status", "CLOSED");
        answer.put("digest", closing.digest());
        answer.put("closingBalances", balances);
        answer.put("nextYear", fiscalYear + 1);
        answer.put("nextYearProfileCarried", closing.nextYearProfileCarried());
        answer.put("openings", openings);
        return answer;
    }
}
