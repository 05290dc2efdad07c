package org.budgetledger.projection.web;

import java.util.Map;
import org.budgetledger.kit.web.ErrorBody;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors answer {"error", "message", "field"} like the ledger service. Ordered after the workspace's error pages
 * (WorkspaceErrors, which answer its pages' errors as pages) and before the kit's catch-all (UnhandledErrors).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ApiErrors {

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, Object>> notFound(NotFound e) {
        return body(HttpStatus.NOT_FOUND, "not_found", null, e.getMessage());
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<Map<String, Object>> badParameter(BadParameter e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", e.field(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badArgument(IllegalArgumentException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", null, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", e.getName(), e.getName() + " is not valid: " + e.getValue());
    }

    private static ResponseEntity<Map<String, Object>> body(
            HttpStatus status, String error, String field, String message) {
        return ErrorBody.answer(status, error, field, message);
    }
}
