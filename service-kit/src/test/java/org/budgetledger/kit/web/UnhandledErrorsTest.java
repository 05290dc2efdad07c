package org.budgetledger.kit.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class UnhandledErrorsTest {

    @RestController
    static class Failing {
        @GetMapping("/store-away")
        String storeAway() {
            throw new IllegalStateException(
                    "while reading the ledger", new MongoTimeoutException("no server selected"));
        }

        @GetMapping("/bug")
        String bug() {
            throw new NullPointerException("a bug");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new UnhandledErrors())
            .build();

    @Test
    void an_unreachable_store_is_a_retryable_503_in_the_error_shape() throws Exception {
        mvc.perform(get("/store-away"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.error").value("store_unavailable"));
    }

    @Test
    void any_other_failure_is_a_500_with_a_reference_and_no_stack_trace() throws Exception {
        mvc.perform(get("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.error").value("internal"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("internal error, reference ")));
    }

    @Test
    void springs_own_client_errors_keep_their_status() throws Exception {
        mvc.perform(post("/bug"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.error").value("method_not_allowed"));
    }
}
