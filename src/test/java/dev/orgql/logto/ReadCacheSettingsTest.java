package dev.orgql.logto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code orgql.read-cache.*} as an operator sets it: each kind's TTL, the defaults, the master switch. */
class ReadCacheSettingsTest {
    private static ReadCacheSettings settings(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("logto.endpoint", LogtoMock.endpoint());
        properties.put("logto.m2m-app-id", LogtoMock.M2M_APP_ID);
        properties.put("logto.m2m-app-secret", LogtoMock.M2M_APP_SECRET);
        properties.put("orgql.api-resource", TestTokens.API_RESOURCE);
        properties.putAll(extra);
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            return context.getBean(ReadCacheSettings.class);
        }
    }

    @ParameterizedTest
    @EnumSource(ReadKind.class)
    void everyKindHasItsOwnTtl(ReadKind kind) {
        ReadCacheSettings settings = settings(Map.of("orgql.read-cache." + kind.setting() + ".ttl", "7s"));
        assertThat(settings.ttl(kind)).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.on(kind)).isTrue();
    }

    @Test
    void defaultsAreApplicationYmls() {
        ReadCacheSettings settings = settings(Map.of());
        assertThat(settings.ttl(ReadKind.ORGANIZATIONS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.ttl(ReadKind.USERS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.on(ReadKind.MEMBERS)).isFalse();
        assertThat(settings.on(ReadKind.BOTS)).isFalse();
        assertThat(settings.on(ReadKind.INVITATIONS)).isFalse();
        assertThat(settings.ttl(ReadKind.TEMPLATE)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.ttl(ReadKind.LIVE_SCOPES)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.shared()).isFalse();
        assertThat(settings.maxEntries()).isEqualTo(10_000);
    }

    @Test
    void theTemplateAndLiveScopesFallBackToTheirOlderSettings() {
        ReadCacheSettings settings = settings(Map.of("orgql.template-ttl", "5m", "orgql.live-scopes-ttl", "3s"));
        assertThat(settings.ttl(ReadKind.TEMPLATE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.ttl(ReadKind.LIVE_SCOPES)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void disabledTurnsEveryKindOff() {
        ReadCacheSettings settings =
                settings(Map.of("orgql.read-cache.enabled", "false", "orgql.read-cache.members.ttl", "5s"));
        for (ReadKind kind : ReadKind.values()) {
            assertThat(settings.on(kind)).as(kind.name()).isFalse();
        }
    }

    @Test
    void sharedAndMaxEntriesAreRead() {
        ReadCacheSettings settings =
                settings(Map.of("orgql.read-cache.shared", "true", "orgql.read-cache.max-entries", "42"));
        assertThat(settings.shared()).isTrue();
        assertThat(settings.maxEntries()).isEqualTo(42);
    }
}
