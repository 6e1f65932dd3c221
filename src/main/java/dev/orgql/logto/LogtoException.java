package dev.orgql.logto;

/**
 * Logto answered with an error, or could not be reached. {@code status} is 0 when no answer came.
 * {@code code} is Logto's stable error key (for example {@code entity.not_found}), null when the body had none.
 */
public class LogtoException extends RuntimeException {
    private final int status;
    private final String code;

    public LogtoException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public LogtoException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = null;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
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
