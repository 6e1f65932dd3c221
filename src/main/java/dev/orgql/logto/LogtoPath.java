package dev.orgql.logto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Management API path and query, built from validated, percent-encoded parts. Nothing a caller
 * passes in can change which route is called: every segment is encoded whole (so {@code /}, {@code ..},
 * {@code ?} and {@code #} stay inside the segment), and empty or oversized values are refused before
 * any call is made.
 *
 * <p>It also holds the rules for what may be sent to Logto at all ({@link #checkId}, {@link #checkText}):
 * Logto answers 500 to a NUL byte (its database cannot store one) and stores other control characters
 * as they come, so they are refused here, and the GraphQL layer applies the same rules to every input
 * before any call (graphql.InputCheck).
 */
public final class LogtoPath {
    /** Longer than any Logto id or email (emails are at most 256 characters in Logto). */
    public static final int MAX_VALUE_LENGTH = 512;

    /**
     * Logto's ids are at most 21 characters of {@code [0-9a-z]} (built-in ones add {@code -}); the
     * bound leaves room for other id schemes and still refuses anything that is not an id.
     */
    public static final int MAX_ID_LENGTH = 128;

    private final StringBuilder path = new StringBuilder("/api");
    /** The same path with each caller-supplied segment as {@code {name}}: a bounded label for metrics and spans. */
    private final StringBuilder route = new StringBuilder("/api");

    private final List<String> query = new ArrayList<>();
    /** The caller-supplied segments by name, unencoded: for working out what a write changed. */
    private final Map<String, String> params = new HashMap<>(4);

    private LogtoPath() {}

    /** Fixed segments are literals of this package; values come from callers and are validated. */
    public static LogtoPath api(String fixedSegment) {
        return new LogtoPath().fixed(fixedSegment);
    }

    public LogtoPath fixed(String fixedSegment) {
        path.append('/').append(fixedSegment);
        route.append('/').append(fixedSegment);
        return this;
    }

    /** A segment that holds a caller-supplied id: refused unless it looks like one ({@link #checkId}). */
    public LogtoPath id(String name, String value) {
        checkId(name, value);
        path.append('/').append(encode(name, value));
        params.put(name, value);
        route.append("/{").append(name).append('}');
        return this;
    }

    /**
     * A segment that holds caller-supplied text that is not an id (an email domain): encoded whole, so
     * a {@code /} or {@code ..} inside it stays inside the segment.
     */
    public LogtoPath text(String name, String value) {
        path.append('/').append(encode(name, value));
        params.put(name, value);
        route.append("/{").append(name).append('}');
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

    /**
     * The route template, e.g. {@code /api/organizations/{organizationId}/users}: no value a caller
     * passed in and no query, so the set of routes is the fixed set this package builds.
     */
    public String route() {
        return route.toString();
    }

    /** The value given for the segment {@code name} (as passed in, not encoded), or null. */
    String param(String name) {
        return params.get(name);
    }

    @Override
    public String toString() {
        return query.isEmpty() ? path.toString() : path + "?" + String.join("&", query);
    }

    /**
     * An id: 1 to {@value #MAX_ID_LENGTH} letters, digits, {@code -} or {@code _}. Anything else (a
     * slash, a dot, a percent sign, a control character) cannot be a Logto id, so it is refused before
     * it can reach a route, rather than sent encoded for Logto to answer "not found" (or 500).
     */
    public static void checkId(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(name, "must not be empty");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(
                    name, "is not a valid id: ids are at most " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new InvalidInputException(
                        name,
                        "is not a valid id: ids are letters, digits, `-` and `_` only (found " + describe(value, i)
                                + " at position " + i + ")");
            }
        }
    }

    /**
     * Text sent to Logto: no control character (C0, DEL, C1; with {@code lineBreaks}, tab, line feed and
     * carriage return are allowed) and no unpaired surrogate (not Unicode: it cannot be stored as
     * UTF-8). Logto answers 500 to a NUL and would store the others, where they break whatever later
     * shows the text (logs, emails, the Console).
     */
    public static void checkText(String name, String value, boolean lineBreaks) {
        int bad = firstBadCharacter(value, lineBreaks);
        if (bad >= 0) {
            throw new InvalidInputException(
                    name, "must not contain " + describe(value, bad) + " (at position " + bad + ")");
        }
    }

    /** The index of the first character {@link #checkText} refuses, or -1. */
    public static int firstBadCharacter(String value, boolean lineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            } else if (Character.isISOControl(c) && !(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /** The character at {@code i}, named so that a message never carries the raw control character. */
    public static String describe(String value, int i) {
        char c = value.charAt(i);
        String code = String.format("U+%04X", (int) c);
        if (Character.isSurrogate(c)) {
            return "an unpaired surrogate " + code;
        }
        if (Character.isISOControl(c)) {
            return "the control character " + code;
        }
        return "`" + c + "` (" + code + ")";
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    static String encode(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(name, "must not be empty");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidInputException(name, "is too long (at most " + MAX_VALUE_LENGTH + " characters)");
        }
        checkText(name, value, false);
        // "." and ".." are unreserved characters, yet a segment made of them alone means "here" and
        // "up", and servers may normalise even their encoded forms. No Logto id looks like that.
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidInputException(name, "is not a valid value");
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
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
