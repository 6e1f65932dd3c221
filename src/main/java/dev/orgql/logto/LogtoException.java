package dev.orgql.logto;

import java.time.Duration;
import java.util.Optional;

/**
 * Logto answered with an error, or could not be reached. {@code status} is 0 when no answer came.
 * {@code code} is Logto's stable error key (for example {@code entity.not_found}), null when the body had none.
 * {@link #failure()} says what kind of upstream failure it is; {@link #retryAfter()} is Logto's (or the
 * gateway's own) advice on when to try again, when there is one.
 */
public class LogtoException extends RuntimeException {
    private final int status;
    private final String code;
    private final UpstreamFailure failure;
    private final Duration retryAfter;
    private final boolean beforeLogto;

    public LogtoException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public LogtoException(int status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.failure = classify(status);
        this.retryAfter = retryAfter;
        this.beforeLogto = false;
    }

    /** No answer came (connect failure, reset, closed connection): {@link UpstreamFailure#ERROR}. */
    public LogtoException(String message, Throwable cause) {
        this(UpstreamFailure.ERROR, message, null, cause);
    }

    /** A failure with no answer from Logto: a timeout, an open breaker, a full queue, a failed connection. */
    public LogtoException(UpstreamFailure failure, String message, Duration retryAfter, Throwable cause) {
        this(failure, message, retryAfter, cause, false);
    }

    /**
     * @param beforeLogto the call never reached Logto: it ran out of time waiting for a pooled connection,
     *     or before it was sent. Such a failure says nothing about Logto's health (circuit breakers ignore it).
     */
    public LogtoException(
            UpstreamFailure failure, String message, Duration retryAfter, Throwable cause, boolean beforeLogto) {
        super(message, cause);
        this.status = 0;
        this.code = null;
        this.failure = failure;
        this.retryAfter = retryAfter;
        this.beforeLogto = beforeLogto;
    }

    /** Whether the call failed before it reached Logto (queued for a connection, or never sent). */
    public boolean beforeLogto() {
        return beforeLogto;
    }

    private static UpstreamFailure classify(int status) {
        if (status == 429) {
            return UpstreamFailure.RATE_LIMITED;
        }
        if (status >= 500 || status == 0 || status < 400) {
            return UpstreamFailure.ERROR;
        }
        return UpstreamFailure.NONE;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public UpstreamFailure failure() {
        return failure;
    }

    /** When to try again, if Logto said so ({@code Retry-After}) or the gateway knows (an open breaker). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether Logto answered with this error code. */
    public boolean is(LogtoError error) {
        return error.code() != null && error.code().equals(code);
    }

    /** The code as one the gateway knows, {@link LogtoError#OTHER} for the rest. */
    public LogtoError error() {
        return LogtoError.of(code);
    }
}
