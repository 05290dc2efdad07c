package org.budgetledger.kit.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/** The one shape of every error answer of both services: {"error", "message", "field"}. */
public final class ErrorBody {

    private ErrorBody() {}

    public static ResponseEntity<Map<String, Object>> answer(
            HttpStatusCode status, String error, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("field", field);
        return ResponseEntity.status(status).body(body);
    }

    /** 503 with Retry-After: nothing was changed, and the same request may be sent again. */
    public static ResponseEntity<Map<String, Object>> retryLater(int seconds, String error, String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(seconds))
                .body(answer(HttpStatus.SERVICE_UNAVAILABLE, error, null, message)
                        .getBody());
    }
}
