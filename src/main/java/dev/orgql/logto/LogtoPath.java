package dev.orgql.logto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Management API path and query, built from validated, percent-encoded parts. Nothing a caller
 * passes in can change which route is called: every segment is encoded whole (so {@code /}, {@code ..},
 * {@code ?} and {@code #} stay inside the segment), and empty or oversized values are refused before
 * any call is made.
 */
public final class LogtoPath {
    /** Longer than any Logto id or email (emails are at most 256 characters in Logto). */
    static final int MAX_VALUE_LENGTH = 512;

    private final StringBuilder path = new StringBuilder("/api");
    private final List<String> query = new ArrayList<>();

    private LogtoPath() {
    }

    /** Fixed segments are literals of this package; values come from callers and are validated. */
    public static LogtoPath api(String fixedSegment) {
        return new LogtoPath().fixed(fixedSegment);
    }

    public LogtoPath fixed(String fixedSegment) {
        path.append('/').append(fixedSegment);
        return this;
    }

    /** A segment that holds a caller-supplied value, such as an id. */
    public LogtoPath id(String name, String value) {
        path.append('/').append(encode(name, value));
        return this;
    }

    public LogtoPath query(String key, String value) {
        query.add(key + "=" + encode(key, value));
        return this;
    }

    public LogtoPath query(String key, int value) {
        query.add(key + "=" + value);
        return this;
    }

    public LogtoPath queryIfPresent(String key, String value) {
        if (value != null && !value.isEmpty()) {
            query(key, value);
        }
        return this;
    }

    @Override
    public String toString() {
        return query.isEmpty() ? path.toString() : path + "?" + String.join("&", query);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    static String encode(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(name, "must not be empty");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidInputException(name, "is too long (at most " + MAX_VALUE_LENGTH + " characters)");
        }
        // "." and ".." are unreserved characters, yet a segment made of them alone means "here" and
        // "up", and servers may normalise even their encoded forms. No Logto id looks like that.
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidInputException(name, "is not a valid value");
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A value that cannot be sent to Logto; reported to the client as BAD_USER_INPUT. */
    public static class InvalidInputException extends IllegalArgumentException {
        private final String field;

        public InvalidInputException(String field, String problem) {
            super("`" + field + "` " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
