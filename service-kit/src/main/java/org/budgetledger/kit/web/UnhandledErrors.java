package org.budgetledger.kit.web;

import com.mongodb.MongoException;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
    private static final int CAUSE_DEPTH = 16;

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unhandled(Exception e) {
        if (e instanceof ErrorResponse spring) { // Spring's own 4xx (no route, wrong method, missing parameter, …)
            HttpStatusCode status = spring.getStatusCode();
            String detail = spring.getBody().getDetail();
            return body(status, error(status), detail == null ? e.getMessage() : detail);
        }
        if (storeUnavailable(e)) {
            log.warn("store unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(fields("store_unavailable", "the store cannot be reached; nothing was changed, send the same request again"));
        }
        String reference = UUID.randomUUID().toString();
        log.error("unhandled error, reference {}", reference, e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "internal error, reference " + reference);
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
        Throwable t = e;
        for (int depth = 0; t != null && depth < CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof MongoException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatusCode status, String error, String message) {
        return ResponseEntity.status(status).body(fields(error, message));
    }

    private static Map<String, Object> fields(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("field", null);
        return body;
    }
}
