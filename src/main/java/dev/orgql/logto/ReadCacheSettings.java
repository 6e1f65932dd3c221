package dev.orgql.logto;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code orgql.read-cache.*}: the master switch {@code enabled}, the second level {@code shared}, the
 * bound {@code max-entries} per kind, and {@code <kind>.ttl} per {@link ReadKind} (0s: off). The
 * template and the live scopes keep their older settings ({@code orgql.template-ttl},
 * {@code orgql.live-scopes-ttl}) as defaults. Defaults and env vars are in application.yml.
 */
@ConfigurationProperties("orgql.read-cache")
public class ReadCacheSettings {
    private boolean enabled = true;
    private boolean shared;
    private int maxEntries = 10_000;
    private final Map<ReadKind, Duration> configured = new EnumMap<>(ReadKind.class);

    ReadCacheSettings(
            List<KindSetting> kinds,
            @Value("${orgql.template-ttl:60s}") Duration templateTtl,
            @Value("${orgql.live-scopes-ttl:30s}") Duration liveScopesTtl) {
        configured.put(ReadKind.TEMPLATE, templateTtl);
        configured.put(ReadKind.LIVE_SCOPES, liveScopesTtl);
        for (KindSetting kind : kinds) {
            if (kind.getTtl() != null) {
                configured.put(kind.kind, kind.getTtl());
            }
        }
    }

    /** How long an answer of this kind is kept; zero when the kind or the whole cache is off. */
    public Duration ttl(ReadKind kind) {
        Duration ttl = configured.getOrDefault(kind, Duration.ZERO);
        return enabled && !ttl.isNegative() ? ttl : Duration.ZERO;
    }

    public boolean on(ReadKind kind) {
        return !ttl(kind).isZero();
    }

    /** {@code orgql.read-cache.enabled}: false turns every kind off, the template and live scopes too. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether the second level (logto.SharedReadStore) is asked on a miss and filled. */
    public boolean shared() {
        return shared;
    }

    public void setShared(boolean shared) {
        this.shared = shared;
    }

    /** At most this many answers are kept per kind. */
    public int maxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** {@code orgql.read-cache.<kind>.ttl}: unset means the kind's default (off, but for the template and live scopes). */
    public abstract static class KindSetting {
        private final ReadKind kind;
        private Duration ttl;

        KindSetting(ReadKind kind) {
            this.kind = kind;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }

    @ConfigurationProperties("organizations")
    public static class Organizations extends KindSetting {
        Organizations() {
            super(ReadKind.ORGANIZATIONS);
        }
    }

    @ConfigurationProperties("members")
    public static class Members extends KindSetting {
        Members() {
            super(ReadKind.MEMBERS);
        }
    }

    @ConfigurationProperties("bots")
    public static class Bots extends KindSetting {
        Bots() {
            super(ReadKind.BOTS);
        }
    }

    @ConfigurationProperties("invitations")
    public static class Invitations extends KindSetting {
        Invitations() {
            super(ReadKind.INVITATIONS);
        }
    }

    @ConfigurationProperties("users")
    public static class Users extends KindSetting {
        Users() {
            super(ReadKind.USERS);
        }
    }

    @ConfigurationProperties("template")
    public static class Template extends KindSetting {
        Template() {
            super(ReadKind.TEMPLATE);
        }
    }

    @ConfigurationProperties("live-scopes")
    public static class LiveScopes extends KindSetting {
        LiveScopes() {
            super(ReadKind.LIVE_SCOPES);
        }
    }
}
