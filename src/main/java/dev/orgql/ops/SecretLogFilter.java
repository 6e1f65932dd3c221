package dev.orgql.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.orgql.logto.LogtoException;
import org.slf4j.Marker;

/**
 * Refuses log events that would write a credential, whatever the logger and level: at TRACE
 * Micronaut's HTTP client writes every response body, the gateway's Management API token among them
 * (it masks the {@code Authorization} header itself). Also drops Caffeine's stack trace for a failed
 * load whose cause is a Logto failure: the code that loads reports it in one line, and the caller gets
 * the error.
 */
public final class SecretLogFilter extends TurboFilter {
    /** A JWT's header always starts with {"  and so its base64url with eyJ; OAuth fields and schemes. */
    private static final String[] MARKERS = {
        "eyJ", "access_token", "refresh_token", "id_token", "client_secret", "Bearer ", "Basic "
    };

    private static final String CAFFEINE = "com.github.benmanes.caffeine.cache.";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Turbo filters see every call, enabled or not: look at the text only of what would be written.
        if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        if (secret(format) || secretIn(params)) {
            return FilterReply.DENY;
        }
        if (t != null && logger.getName().startsWith(CAFFEINE) && causedByLogto(t)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean secretIn(Object[] params) {
        if (params == null) {
            return false;
        }
        for (Object param : params) {
            if (param != null && secret(param.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean secret(String text) {
        if (text == null) {
            return false;
        }
        for (String marker : MARKERS) {
            if (text.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByLogto(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof LogtoException) {
                return true;
            }
        }
        return false;
    }
}
