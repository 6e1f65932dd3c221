package dev.orgql.scaleout;

import static dev.orgql.scaleout.TwoReplicasTest.awaitThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.logto.SharedReadStore;
import dev.orgql.logto.SharedReadStore.StoredRead;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.RedisServer;
import dev.orgql.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shared read store against a real Redis: what is put is read back as it was, evicting a tag drops
 * every value filed under it and nothing else, values expire by their TTL (asked of Redis, never waited
 * for) and tags live as long as their longest value, and an unreachable Redis reads as a miss. Commands of
 * one connection run in order, so a get after a put sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSharedReadStoreTest {
    private static final String PREFIX = "orgql:test:";
    private RedisServer redis;
    private ApplicationContext context;
    private SharedReadStore store;

    @BeforeAll
    void start() {
        redis = RedisServer.startNew();
        context = ApplicationContext.run(
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
                        "orgql.redis.key-prefix",
                        PREFIX,
                        "orgql.redis.max-reconnect-delay",
                        "100ms"),
                "test");
        store = context.getBean(SharedReadStore.class);
        awaitThat("connected", () -> context.getBean(RedisLink.class).connected());
    }

    @AfterAll
    void stop() {
        if (context != null) context.close();
        if (redis != null) redis.close();
    }

    @Test
    @Order(1)
    void whatIsPutIsReadBack() {
        assertThat(store).isInstanceOf(RedisSharedReadStore.class);
        assertThat(store.enabled()).isTrue();
        // application.yml's defaults (this test sets only the key prefix).
        assertThat(context.getBean(RedisSettings.class).getChannel()).isEqualTo("orgql:changes");
        assertThat(context.getBean(RedisSettings.class).getCommandTimeout()).isEqualTo(Duration.ofMillis(500));
        StoredRead page = new StoredRead(200, "[{\"id\":\"u1\"}]".getBytes(StandardCharsets.UTF_8), 51);
        StoredRead one = new StoredRead(200, "{\"id\":\"o1\"}".getBytes(StandardCharsets.UTF_8), null);
        double hits = reads("hit");
        double misses = reads("miss");

        store.put("GET /api/organizations/o1/users?page=1", page, Duration.ofSeconds(30), Set.of("org:o1"));
        store.put("GET /api/organizations/o1", one, Duration.ofSeconds(30), Set.of("org:o1"));

        assertSame(get("GET /api/organizations/o1/users?page=1"), page);
        assertSame(get("GET /api/organizations/o1"), one);
        assertThat(get("GET /api/organizations/o2")).isEmpty();
        assertThat(reads("hit")).isEqualTo(hits + 2);
        assertThat(reads("miss")).isEqualTo(misses + 1);
    }

    @Test
    @Order(2)
    void evictingATagDropsEveryValueFiledUnderItAndNothingElse() {
        StoredRead read = new StoredRead(200, "{}".getBytes(StandardCharsets.UTF_8), null);
        store.put("a", read, Duration.ofSeconds(30), Set.of("org:o1", "user:u1"));
        store.put("b", read, Duration.ofSeconds(30), Set.of("org:o1"));
        store.put("c", read, Duration.ofSeconds(30), Set.of("org:o2", "user:u1"));
        store.put("d", read, Duration.ofSeconds(30), Set.of("org:o3"));

        store.evict(Set.of("org:o1"));

        assertThat(get("a")).isEmpty();
        assertThat(get("b")).isEmpty();
        assertThat(get("c")).isPresent();
        assertThat(get("d")).isPresent();
        assertThat(redis.command("EXISTS", PREFIX + "t:org:o1")).isEqualTo(":0");

        store.evict(Set.of("user:u1", "org:o3"));

        assertThat(get("c")).isEmpty();
        assertThat(get("d")).isEmpty();
    }

    @Test
    @Order(3)
    void valuesExpireByTheirTtlAndTagsOutliveTheirValues() {
        // Absolute expiry times (PEXPIRETIME), so nothing depends on how long the test takes.
        StoredRead read = new StoredRead(200, "{}".getBytes(StandardCharsets.UTF_8), null);
        store.put("short", read, Duration.ofSeconds(20), Set.of("org:ttl"));
        get("short");
        assertThat(pttl(PREFIX + "v:short")).isBetween(1L, 20_000L);
        assertThat(expiresAt(PREFIX + "t:org:ttl")).isGreaterThanOrEqualTo(expiresAt(PREFIX + "v:short"));

        store.put("long", read, Duration.ofSeconds(90), Set.of("org:ttl"));
        get("long");
        long longExpires = expiresAt(PREFIX + "v:long");
        assertThat(longExpires).isGreaterThan(expiresAt(PREFIX + "v:short"));
        assertThat(expiresAt(PREFIX + "t:org:ttl")).isGreaterThanOrEqualTo(longExpires);

        // A shorter value after a longer one does not shorten the tag.
        store.put("short", read, Duration.ofSeconds(20), Set.of("org:ttl"));
        get("short");
        assertThat(expiresAt(PREFIX + "t:org:ttl")).isGreaterThanOrEqualTo(longExpires);
    }

    @Test
    @Order(4)
    void anUnreachableRedisReadsAsAMissAndFailsNoCaller() {
        StoredRead read = new StoredRead(200, "{}".getBytes(StandardCharsets.UTF_8), null);
        store.put("kept", read, Duration.ofSeconds(30), Set.of("org:down"));
        assertThat(get("kept")).isPresent();
        redis.stop();
        awaitThat("disconnected", () -> !context.getBean(RedisLink.class).connected());
        double errors = reads("error");

        assertThat(get("kept")).isEmpty();
        store.put("other", read, Duration.ofSeconds(30), Set.of("org:down"));
        store.evict(Set.of("org:down"));

        assertThat(reads("error")).isEqualTo(errors + 1);
        awaitThat("write errors counted", () -> counter("orgql.redis.store.write.errors") >= 2);

        redis.start();
        awaitThat("reconnected", () -> context.getBean(RedisLink.class).connected());
        store.put("again", read, Duration.ofSeconds(30), Set.of("org:down"));
        assertThat(get("again")).isPresent();
    }

    private Optional<StoredRead> get(String key) {
        return store.get(key).join();
    }

    private long expiresAt(String key) {
        return Long.parseLong(redis.command("PEXPIRETIME", key).substring(1));
    }

    private long pttl(String key) {
        return Long.parseLong(redis.command("PTTL", key).substring(1));
    }

    private static void assertSame(Optional<StoredRead> actual, StoredRead expected) {
        assertThat(actual).isPresent();
        assertThat(actual.get().status()).isEqualTo(expected.status());
        assertThat(actual.get().body()).isEqualTo(expected.body());
        assertThat(actual.get().totalNumber()).isEqualTo(expected.totalNumber());
    }

    private double reads(String result) {
        return context.getBean(MeterRegistry.class)
                .get("orgql.redis.store.reads")
                .tag("result", result)
                .counter()
                .count();
    }

    private double counter(String name) {
        return context.getBean(MeterRegistry.class).get(name).counter().count();
    }
}
