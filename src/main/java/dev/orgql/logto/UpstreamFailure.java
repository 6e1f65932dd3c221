package dev.orgql.logto;

/**
 * What kind of upstream failure a {@link LogtoException} is, for the client's {@code extensions.code}
 * and for the gateway's own resilience (which failures a read may be retried on, which count against a
 * circuit breaker). {@link #NONE} is an answer Logto gave on purpose (a 4xx about the request).
 */
public enum UpstreamFailure {
    /** Logto answered with a client error about the request itself (404, 422, ...): not a failure of Logto. */
    NONE,
    /** Logto answered 5xx, an unexpected status or body, or the connection failed or was reset. */
    ERROR,
    /** Logto answered 429: its rate limit. {@link LogtoException#retryAfter()} holds its {@code Retry-After}. */
    RATE_LIMITED,
    /** No answer came in time: the upstream read timeout or the request's deadline ran out. */
    TIMEOUT,
    /** The circuit breaker of this upstream is open after sustained failures: nothing was sent. */
    UNAVAILABLE,
    /** The gateway's own queue for upstream calls is full: nothing was sent. */
    BUSY
}
