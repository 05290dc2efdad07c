package org.budgetledger.ledger.web;

import org.springframework.http.HttpStatus;

/** An answer other than success, with the contract's error body: error code, message naming the field, field. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final String field;
    private java.util.List<java.util.Map<String, Object>> errors = java.util.List.of();

    public ApiException(HttpStatus status, String error, String field, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ApiException unprocessable(String error, String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, error, field, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", null, message);
    }

    public static ApiException notFound(String error, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, error, null, message);
    }

    /** Every row or item at fault, where one request carries many (a file, a bulk request): the body's errors. */
    public ApiException withErrors(java.util.List<java.util.Map<String, Object>> errors) {
        this.errors = java.util.List.copyOf(errors);
        return this;
    }

    public java.util.List<java.util.Map<String, Object>> errors() {
        return errors;
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
