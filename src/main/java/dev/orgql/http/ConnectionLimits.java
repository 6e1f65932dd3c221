package dev.orgql.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The {@code orgql.server.*} settings that protect the server's connections from slow and from too many
 * clients (Micronaut's {@code micronaut.server.idle-timeout} covers silent ones).
 */
@ConfigurationProperties("orgql.server")
public class ConnectionLimits {
    private Duration requestReadTimeout = Duration.ofSeconds(10);
    private int maxConnections = 2000;

    /**
     * How long a client may take to send one whole request (headers and body), counted from the
     * connection's opening or from the first byte of a request after the previous one.
     */
    public Duration getRequestReadTimeout() {
        return requestReadTimeout;
    }

    public void setRequestReadTimeout(Duration requestReadTimeout) {
        this.requestReadTimeout = requestReadTimeout;
    }

    /** Open client connections per listening port; beyond it a new connection is closed at once. */
    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }
}
