package org.budgetledger.ledger.web;

import org.springframework.http.HttpStatus;

/** An answer other than success, with the contract's error body: error code, message naming the field, field. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final String field;

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
