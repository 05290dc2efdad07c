package org.budgetledger.projection.checks;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.budgetledger.contract.PostingType;
import org.budgetledger.projection.checks.domain.CheckInput;
import org.budgetledger.projection.checks.domain.Checks;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.checks.domain.Text;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.signals.SignalsService;
import org.budgetledger.projection.signals.domain.PostingRef;
import org.budgetledger.projection.signals.domain.Signal;
import org.budgetledger.projection.signals.domain.SignalKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The text answer speaks the reader's language: Chinese unless Accept-Language prefers English, and says which in
 * Content-Language; the JSON answer is the same in any language. The text ends with the department's signals, whose
 * postings only auditors and admins read.
 */
class ChecksControllerTest {

    private static final String PATH = "/api/v1/final-accounts/HT-CAC/2019/checks";

    private MockMvc mvc;

    @BeforeEach
    void controllerOverAReportWithPassFailAndSkipped() {
        // an income total with no income row: W01 fails, rules without figures pass, L02 (no last year) is skipped
        ChecksService service = mock(ChecksService.class);
        when(service.check("HT-CAC", 2019))
                .thenReturn(Optional.of(
                        Checks.report(CheckInput.builder("HT-CAC", 2019, Map.of("01/income.total/amount", 1_000_000L))
                                .build())));
        SignalsService signals = mock(SignalsService.class);
        when(signals.signals("HT-CAC", 2019, FinalAccounts.Scope.DEPARTMENT))
                .thenReturn(Optional.of(List.of(new Signal(
                        SignalKind.OVER_BUDGET,
                        Severity.WARNING,
                        "HT-CAC",
                        "department",
                        Text.of("reception over budget", "公务接待费超预算"),
                        Map.of("item", "reception"),
                        List.of("07/budget/reception", "07/actual/reception"),
                        List.of(new PostingRef(
                                "HT-CAC",
                                "treasury-payments",
                                "HT-CAC-2019-00099",
                                PostingType.EXPENDITURE,
                                60_000L,
                                LocalDate.of(2019, 12, 2),
                                Instant.parse("2019-12-02T02:00:00Z"),
                                99,
                                null))))));
        mvc = MockMvcBuilders.standaloneSetup(new ChecksController(service, signals, true))
                .build();
    }

    @Test
    void theSignalsFollowTheRulesWithTheirPostingsForAuditorsOnly() throws Exception {
        for (String role : new String[] {"AUDITOR", "ADMIN"}) {
            mvc.perform(get(PATH).accept(MediaType.TEXT_PLAIN).with(request -> {
                        request.addUserRole(role);
                        return request;
                    }))
                    .andExpect(content()
                            .string(allOf(
                                    containsString("汇总："),
                                    containsString("\n\n预警信号（1）\nOVER_BUDGET 超预算支出  警示  HT-CAC  公务接待费超预算"),
                                    containsString("记账：treasury-payments/HT-CAC-2019-00099 600.00"))));
        }
        mvc.perform(get(PATH).accept(MediaType.TEXT_PLAIN).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .andExpect(content()
                        .string(allOf(
                                containsString("\n\nSignals (1)\nOVER_BUDGET  WARNING  HT-CAC  reception over budget"),
                                containsString("cells (scope department): 07/budget/reception, 07/actual/reception"),
                                not(containsString("HT-CAC-2019-00099")),
                                containsString("(auditors)"))));
    }

    @Test
    void chineseWithoutAcceptLanguage() throws Exception {
        mvc.perform(get(PATH).accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "zh-CN"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content()
                        .string(allOf(
                                containsString("W01  不通过"),
                                containsString("L02 跳过："),
                                containsString("汇总："),
                                not(containsString("PASS")),
                                not(containsString("SKIPPED")),
                                not(containsString("summary")))));
    }

    @Test
    void chineseForChineseOrAnyLanguage() throws Exception {
        for (String acceptLanguage : new String[] {"zh", "zh-CN,zh;q=0.9,en;q=0.8", "*"}) {
            mvc.perform(get(PATH).accept(MediaType.TEXT_PLAIN).header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage))
                    .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "zh-CN"))
                    .andExpect(content().string(containsString("不通过")));
        }
    }

    @Test
    void englishWhenPreferred() throws Exception {
        for (String acceptLanguage : new String[] {"en", "en-US,en;q=0.9,zh;q=0.5"}) {
            mvc.perform(get(PATH).accept(MediaType.TEXT_PLAIN).header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage))
                    .andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "en"))
                    .andExpect(content()
                            .string(allOf(
                                    containsString("W01  FAIL"),
                                    containsString("L02 SKIPPED: "),
                                    containsString("summary: "),
                                    not(containsString("不通过")),
                                    not(containsString("汇总")))));
        }
    }

    @Test
    void jsonKeepsItsEnglishFieldsBesideTheChineseOnes() throws Exception {
        mvc.perform(get(PATH).accept(MediaType.APPLICATION_JSON).header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unitCode").value("HT-CAC"))
                .andExpect(jsonPath("$.results[?(@.id == 'L02')].status").value(hasItem("SKIPPED")))
                .andExpect(jsonPath("$.results[?(@.id == 'L02')].message")
                        .value(hasItem("the previous year's closing balances were not given")))
                .andExpect(jsonPath("$.results[?(@.id == 'L02')].messageZh").value(hasItem("未提供上年年末结转和结余")))
                .andExpect(
                        jsonPath("$.results[?(@.id == 'W01')].description").value(hasItem(containsString("income"))));
    }
}
