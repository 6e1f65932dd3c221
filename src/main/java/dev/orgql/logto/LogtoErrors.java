package dev.orgql.logto;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwrapping of the exceptions that travel inside CompletableFutures. */
public final class LogtoErrors {
    private LogtoErrors() {}

    public static Throwable unwrapAny(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The LogtoException inside, or null. */
    public static LogtoException unwrap(Throwable error) {
        return unwrapAny(error) instanceof LogtoException e ? e : null;
    }

    /** The failure inside, to be thrown again as it was. */
    public static RuntimeException rethrow(Throwable error) {
        Throwable t = unwrapAny(error);
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }

    /**
     * A failure in a few words for an operator's log line (status, kind, message; no stack trace), as
     * the ERROR lines of failed compensations print it.
     */
    public static String describe(Throwable error) {
        Throwable t = unwrapAny(error);
        if (t instanceof LogtoException e) {
            return (e.status() > 0 ? "HTTP " + e.status() + " " : "") + e.failure() + ": " + e.getMessage();
        }
        return t.toString();
    }
}
