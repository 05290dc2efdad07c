package org.budgetledger.ledger.web;

import java.util.Map;
import org.axonframework.modelling.command.ConcurrencyException;
import org.budgetledger.kit.LogSafe;
import org.budgetledger.kit.web.ErrorBody;
import org.budgetledger.kit.web.RequestSizeLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every error answers with {"error", "message", "field"}; nothing leaks a stack trace. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before the kit's catch-all (UnhandledErrors)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        ResponseEntity<Map<String, Object>> answer = body(e.status(), e.error(), e.field(), e.getMessage());
        if (!e.errors().isEmpty()) {
            answer.getBody().put("errors", e.errors());
        }
        return answer;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (RequestSizeLimit.isTooLarge(e)) {
            return body(HttpStatus.PAYLOAD_TOO_LARGE, "request.too_large", null, "the request body is too large");
        }
        String detail = e.getMostSpecificCause().getMessage();
        if (detail != null && detail.length() > 300) {
            detail = detail.substring(0, 300) + "…";
        }
        return body(HttpStatus.BAD_REQUEST, "malformed_json", null, "the request body is not valid JSON: " + detail);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media_type", null, "send Content-Type: application/json");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> pathType(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "path", e.getName(), e.getName() + " is not valid: " + e.getValue());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> header(MissingRequestHeaderException e) {
        return body(HttpStatus.BAD_REQUEST, "header", e.getHeaderName(), e.getMessage());
    }

    /** Still colliding with another writer after every retry: nothing was recorded; sending it again is safe. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Map<String, Object>> contended(ConcurrencyException e) {
        log.warn("gave up after retries: {}", LogSafe.of(e.getMessage()));
        return ErrorBody.retryLater(
                1, "contended", "the ledger is busy with other writers; send the same request again");
    }

    private static ResponseEntity<Map<String, Object>> body(
            HttpStatus status, String error, String field, String message) {
        if (status.is5xxServerError()) {
            log.error("{} {}", error, LogSafe.of(message));
        }
        return ErrorBody.answer(status, error, field, message);
    }
}
