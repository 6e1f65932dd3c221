package dev.orgql.http;

import io.micronaut.http.HttpStatus;

/**
 * A request the gateway cannot read as one GraphQL request (not JSON, not an object, a field of the
 * wrong type, over the parse limits). Answered by {@link BadRequestHandler} as a GraphQL error body;
 * the message is written for the client and names no internal class.
 */
public class BadRequestException extends RuntimeException {
    private final HttpStatus status;

    public BadRequestException(String message) {
        this(HttpStatus.BAD_REQUEST, message);
    }

    public BadRequestException(HttpStatus status, String message) {
        // No stack trace: it is never logged, and a flood of bad requests should cost little.
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
