package dev.orgql.graphql;

/** The one vocabulary of error codes: {@code extensions.code} values, mirrored by the SDL's {@code ErrorCode}. */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    BAD_USER_INPUT,
    QUERY_TOO_COMPLEX,
    CONFLICT,
    RATE_LIMITED,
    UPSTREAM_ERROR,
    UPSTREAM_TIMEOUT,
    UPSTREAM_UNAVAILABLE,
    UPSTREAM_BUSY,
    PERSISTED_QUERY_NOT_FOUND,
    PERSISTED_QUERY_NOT_SUPPORTED,
    PERSISTED_QUERY_NOT_ALLOWED,
    INTERNAL_ERROR
}
