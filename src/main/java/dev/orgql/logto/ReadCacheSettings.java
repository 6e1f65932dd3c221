package dev.orgql.logto;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code orgql.read-cache.*}: the master switch {@code enabled}, the second level {@code shared}, the
 * bound {@code max-entries} per kind, and {@code <kind>.ttl} per {@link ReadKind} (0s: off). The
 * template and the live scopes keep their older settings ({@code orgql.template-ttl},
 * {@code orgql.live-scopes-ttl}) as defaults. Defaults and env vars are in application.yml.
 */
@Singleton
public class ReadCacheSettings {
    private final boolean enabled;
    private final boolean shared;
    private final int maxEntries;
    private final Map<ReadKind, Duration> ttls = new EnumMap<>(ReadKind.class);

    ReadCacheSettings(Environment environment) {
        this.enabled = environment
                .getProperty("orgql.read-cache.enabled", Boolean.class)
                .orElse(true);
        this.shared = environment
                .getProperty("orgql.read-cache.shared", Boolean.class)
                .orElse(false);
        this.maxEntries = environment
                .getProperty("orgql.read-cache.max-entries", Integer.class)
                .orElse(10_000);
        for (ReadKind kind : ReadKind.values()) {
            Duration fallback = switch (kind) {
                case TEMPLATE ->
                    environment
                            .getProperty("orgql.template-ttl", Duration.class)
                            .orElse(Duration.ofSeconds(60));
                case LIVE_SCOPES ->
                    environment
                            .getProperty("orgql.live-scopes-ttl", Duration.class)
                            .orElse(Duration.ofSeconds(30));
                default -> Duration.ZERO;
            };
            Duration ttl = environment
                    .getProperty("orgql.read-cache." + kind.setting() + ".ttl", Duration.class)
                    .orElse(fallback);
            ttls.put(kind, enabled && !ttl.isNegative() ? ttl : Duration.ZERO);
        }
    }

    /** How long an answer of this kind is kept; zero when the kind or the whole cache is off. */
    public Duration ttl(ReadKind kind) {
        return ttls.get(kind);
    }

    public boolean on(ReadKind kind) {
        return !ttl(kind).isZero();
    }

    /** Whether the second level (logto.SharedReadStore) is asked on a miss and filled. */
    public boolean shared() {
        return shared;
    }

    public int maxEntries() {
        return maxEntries;
    }
}
