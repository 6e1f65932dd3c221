package dev.orgql.scaleout;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Lettuce's reconnect delay grows to 30 s by default; capped at max-reconnect-delay, so that once Redis is
 * back the replicas share invalidations again within that.
 */
@Singleton
@Requires(property = "redis.uri")
class ReconnectDelay implements ClientResourcesMutator {
    private final RedisSettings settings;

    ReconnectDelay(RedisSettings settings) {
        this.settings = settings;
    }

    @Override
    public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration config) {
        Duration max = settings.getMaxReconnectDelay();
        Duration lower = max.compareTo(Duration.ofMillis(10)) < 0 ? max : Duration.ofMillis(10);
        builder.reconnectDelay(Delay.exponential(lower, max, 2, java.util.concurrent.TimeUnit.MILLISECONDS));
    }
}
