package dev.orgql.scaleout;

import io.micronaut.configuration.lettuce.health.RedisHealthIndicator;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Readiness names Redis, but an unreachable Redis does not make a replica unready: Redis is shared, so a
 * 503 would take every replica out of service at once, while each can still answer from its own caches
 * and Logto (invalidations from the others are missed until Redis is back, bounded by the caches' TTLs).
 * So the status is {@link #DEGRADED}: answered with HTTP 200 (only DOWN is 503), and visible in the body
 * even when details are hidden. Its "operational" is unknown (null), which Micronaut ranks between UP and
 * DOWN: the overall status is DEGRADED when everything else is UP, and DOWN still wins. Replaces micronaut-redis's own indicator, which pings on every probe and
 * reports DOWN. Costs no Redis call: it reads Lettuce's view of its two connections.
 */
@Singleton
@Readiness
@Replaces(RedisHealthIndicator.class)
@Requires(beans = RedisLink.class)
public class RedisHealth implements HealthIndicator {
    static final String NAME = "redis";
    /** Serving, without what Redis adds. */
    public static final HealthStatus DEGRADED =
            new HealthStatus("DEGRADED", "serving without Redis: caches are per replica until it is back", null, 1);

    private final RedisLink link;

    RedisHealth(RedisLink link) {
        this.link = link;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean connected = link.connected();
        return Mono.just(HealthResult.builder(NAME, connected ? HealthStatus.UP : DEGRADED)
                .details(Map.of(
                        "redis",
                        connected ? "connected" : "unreachable",
                        "channel",
                        link.settings().getChannel()))
                .build());
    }
}
