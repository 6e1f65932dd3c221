package dev.orgql.scaleout;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The {@code orgql.redis.*} settings. Where Redis is ({@code redis.uri}) is micronaut-redis's own setting;
 * these say how the gateway uses it.
 */
@ConfigurationProperties("orgql.redis")
public class RedisSettings {
    private String channel = "orgql:changes";
    private String keyPrefix = "orgql:read:";
    private Duration commandTimeout = Duration.ofMillis(500);
    private Duration maxReconnectDelay = Duration.ofSeconds(5);

    /** The pub/sub channel of invalidations; replicas of one deployment share it, other deployments must not. */
    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    /** Prefix of every key of the shared read store (values and tag sets). */
    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /**
     * A Redis command not answered within this fails, and a read then goes to Logto: a slow Redis must not
     * make the gateway slower than no Redis at all.
     */
    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /**
     * Lettuce reconnects by itself with a growing delay; this caps it, so that invalidations flow again at
     * most this long after Redis is back.
     */
    public Duration getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(Duration maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }
}
