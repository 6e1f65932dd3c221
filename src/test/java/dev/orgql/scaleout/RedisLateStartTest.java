package dev.orgql.scaleout;

import static dev.orgql.scaleout.TwoReplicasTest.awaitThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.logto.SharedReadStore;
import dev.orgql.logto.SharedReadStore.StoredRead;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.RedisServer;
import dev.orgql.support.TestTokens;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A gateway started while Redis is down starts all the same (no connection is awaited), reads the shared
 * store as misses, and connects by itself once Redis is there.
 */
class RedisLateStartTest {
    @Test
    void startsWithoutRedisAndConnectsWhenItComes() {
        try (RedisServer redis = RedisServer.startNew()) {
            redis.stop();
            try (ApplicationContext context = ApplicationContext.run(
                    Map.of(
                            "logto.endpoint",
                            LogtoMock.endpoint(),
                            "logto.m2m-app-id",
                            LogtoMock.M2M_APP_ID,
                            "logto.m2m-app-secret",
                            LogtoMock.M2M_APP_SECRET,
                            "orgql.api-resource",
                            TestTokens.API_RESOURCE,
                            "redis.uri",
                            redis.uri(),
                            "orgql.redis.max-reconnect-delay",
                            "50ms"),
                    "test")) {
                SharedReadStore store = context.getBean(SharedReadStore.class);
                RedisLink link = context.getBean(RedisLink.class);
                StoredRead read = new StoredRead(200, "{}".getBytes(StandardCharsets.UTF_8), null);

                assertThat(link.connected()).isFalse();
                store.put("k", read, Duration.ofSeconds(30), Set.of("t"));
                assertThat(store.get("k").join()).isEmpty();

                redis.start();
                awaitThat("connected once Redis is up", link::connected);
                store.put("k", read, Duration.ofSeconds(30), Set.of("t"));
                assertThat(store.get("k").join()).isPresent();
            }
        }
    }
}
