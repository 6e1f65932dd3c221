package dev.orgql.logto;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A successful Management API answer: status, raw body and the paging total. One answer can serve many
 * readers (every waiter of a coalesced read, every hit of a read cache), so it keeps what its body was
 * parsed into, per target type: the body is parsed once, not once per reader. What is kept is only read
 * (the models are records; no caller changes a list it was given).
 */
final class LogtoResponse {
    private final int status;
    private final byte[] body;
    private final Integer totalNumber;
    private final Map<Type, Object> parsed = new ConcurrentHashMap<>(2);

    LogtoResponse(int status, byte[] body, Integer totalNumber) {
        this.status = status;
        this.body = body;
        this.totalNumber = totalNumber;
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body;
    }

    Integer totalNumber() {
        return totalNumber;
    }

    /** The body as {@code type}, parsed on the first request for that type; a failed parse is not kept. */
    @SuppressWarnings("unchecked")
    <T> T parsedAs(Type type, Supplier<T> parse) {
        Object kept = parsed.get(type);
        if (kept == null) {
            kept = parse.get();
            if (kept != null) {
                Object raced = parsed.putIfAbsent(type, kept);
                if (raced != null) {
                    kept = raced;
                }
            }
        }
        return (T) kept;
    }
}
