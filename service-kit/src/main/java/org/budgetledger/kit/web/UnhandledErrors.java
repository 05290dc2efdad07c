package org.budgetledger.kit.web;

import com.mongodb.MongoException;
import java.util.Map;
import java.util.UUID;
import org.budgetledger.kit.Causes;
import org.budgetledger.kit.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last word on an error no service handler took: every answer keeps the {"error", "message", "field"} shape.
 * An unreachable store is a 503 with Retry-After (a sender retries the same request; nothing was recorded twice,
 * the ledger is idempotent). Without this, the exception went to the servlet error page, where the security chain
 * answered 401 to a caller whose key was right (found by the fault harness while the store was stopped).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnhandledErrors {

    private static final Logger log = LoggerFactory.getLogger(UnhandledErrors.class);

    /** A unit, or the whole installation, that the caller's scope does not cover. */
    @ExceptionHandler(org.budgetledger.kit.scope.OutsideScope.class)
    ResponseEntity<Map<String, Object>> outsideScope(org.budgetledger.kit.scope.OutsideScope e) {
        return ErrorBody.answer(HttpStatus.FORBIDDEN, "forbidden", e.field(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unhandled(Exception e) {
        if (e instanceof ErrorResponse spring) { // Spring's own 4xx (no route, wrong method, missing parameter, …)
            HttpStatusCode status = spring.getStatusCode();
            String detail = spring.getBody().getDetail();
            return ErrorBody.answer(status, error(status), null, detail == null ? e.getMessage() : detail);
        }
        if (storeUnavailable(e)) {
            log.warn("store unavailable: {}", LogSafe.of(e));
            return ErrorBody.retryLater(
                    5,
                    "store_unavailable",
                    "the store cannot be reached; nothing was changed, send the same request again");
        }
        String reference = UUID.randomUUID().toString();
        log.error("unhandled error, reference {}", reference, e);
        return ErrorBody.answer(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal", null, "internal error, reference " + reference);
    }

    private static String error(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406, 415 -> "media_type";
            default -> status.is4xxClientError() ? "bad_request" : "internal";
        };
    }

    static boolean storeUnavailable(Throwable e) {
        return Causes.any(e, MongoException.class, DataAccessResourceFailureException.class);
    }
}
