package dev.orgql.auth;

/** The request's token is missing or not acceptable; the message says why, for the caller. */
public class AuthenticationException extends RuntimeException {
    public AuthenticationException(String message) {
        super(message);
    }
}
