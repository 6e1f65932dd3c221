package dev.orgql.logto;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 10.2.3): delay-seconds or an HTTP-date. Logto's
 * rate limit answers (429) carry it in seconds; the recordings hold no 429 of the Management API, so
 * both forms are accepted. Anything else, a negative delay included, counts as no advice.
 */
public final class RetryAfter {
    /** Longer advice than this is capped: a client is better told to retry in an hour than in a year. */
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {}

    public static Duration parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : cap(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration delay = Duration.between(Instant.now(), at);
                return cap(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** Whole seconds, rounded up, as {@code Retry-After} and {@code extensions.retryAfterSeconds} carry it. */
    public static long seconds(Duration delay) {
        long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
        return Math.max(0, seconds);
    }

    private static Duration cap(Duration delay) {
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
