package dev.orgql.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.orgql.logto.LogtoChange;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import dev.orgql.logto.ReadCacheSettings;
import dev.orgql.logto.ReadKind;
import dev.orgql.logto.Telemetry;
import dev.orgql.logto.UpstreamBudget;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A user's live organization scopes ({@code GET /api/organizations/{id}/users/{userId}/scopes}),
 * kept for {@code orgql.read-cache.live-scopes.ttl} (default {@code orgql.live-scopes-ttl}, 30 s) across
 * requests for reads; mutations are checked on a {@link #fresh} lookup, which neither a cache nor a read
 * in flight answers. Mutations that change roles or memberships invalidate the entries
 * they make stale.
 */
@Singleton
public class LiveScopeCache {
    private final LogtoClient logto;
    private final AsyncCache<MemberKey, Set<String>> cache;

    LiveScopeCache(LogtoClient logto, ReadCacheSettings settings, Telemetry telemetry) {
        this.logto = logto;
        this.cache = telemetry.monitor(
                "live-scopes",
                Caffeine.newBuilder()
                        .expireAfterWrite(settings.ttl(ReadKind.LIVE_SCOPES))
                        .maximumSize(100_000)
                        .recordStats()
                        .<MemberKey, Set<String>>buildAsync());
    }

    /** The scopes, from the cache when a lookup younger than the TTL is there (for reads). */
    public CompletableFuture<Set<String>> scopes(MemberKey key) {
        return UpstreamBudget.shared(() -> cache.get(key, (k, executor) -> lookup(logto, k)));
    }

    /**
     * The scopes as Logto says now, never from the cache (for mutations, so that a demotion counts at
     * once); the answer replaces the cached one, so later reads see it too. Stored while still in flight,
     * as the cache's own loads are, so that an invalidation meanwhile drops it instead of being undone.
     */
    public CompletableFuture<Set<String>> fresh(MemberKey key) {
        // Cached for other requests too: made outside this request's budget, so its end cannot cancel it.
        CompletableFuture<Set<String>> lookup = UpstreamBudget.detached(() -> lookup(logto.fresh(), key));
        cache.put(key, lookup);
        return UpstreamBudget.shared(() -> lookup);
    }

    private static CompletableFuture<Set<String>> lookup(LogtoClient logto, MemberKey key) {
        CompletableFuture<List<LogtoModels.Scope>> call;
        try {
            call = logto.listUserOrganizationScopes(key.organizationId(), key.userId());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call.exceptionally(error -> {
                    // No such organization (or user) holds no scopes: answered like a foreign
                    // organization, so that a caller cannot tell the two apart (see RequiresScopeWiring).
                    LogtoException e = LogtoErrors.unwrap(error);
                    if (e != null && e.status() == 404) {
                        return List.of();
                    }
                    throw LogtoErrors.rethrow(error);
                })
                .thenApply(list -> list.stream().map(LogtoModels.Scope::name).collect(Collectors.toUnmodifiableSet()));
    }

    /** The scopes if they are already at hand (looked up and not expired), without any call. */
    public Set<String> peek(MemberKey key) {
        CompletableFuture<Set<String>> cached = cache.getIfPresent(key);
        return cached != null && cached.isDone() && !cached.isCompletedExceptionally() ? cached.join() : null;
    }

    public void invalidate(String organizationId, String userId) {
        cache.synchronous().invalidate(new MemberKey(organizationId, userId));
    }

    /** After a template change any member's scopes may differ. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    public void invalidateOrganization(String organizationId) {
        cache.asMap().keySet().removeIf(k -> k.organizationId().equals(organizationId));
    }

    /**
     * Logto reported (by webhook) a change that may change someone's scopes: a role's scopes (any member
     * holding it), a membership (who joined or left, when Logto says; else the whole organization), a
     * deleted organization or user, a member's roles (the gateway's own writes only: Logto fires no webhook
     * for that, so the TTL bounds changes made elsewhere).
     */
    @EventListener
    void onChange(LogtoChange change) {
        if (change instanceof LogtoChange.TemplateChanged) {
            invalidateAll();
        } else if (change instanceof LogtoChange.MembershipChanged membership) {
            if (!membership.userIds().isEmpty()) {
                membership.userIds().forEach(userId -> invalidate(membership.organizationId(), userId));
            } else if (membership.applicationIds().isEmpty()) {
                // v1.37.1 does not say who joined or left.
                invalidateOrganization(membership.organizationId());
            }
        } else if (change instanceof LogtoChange.MemberRolesChanged roles) {
            roles.userIds().forEach(userId -> invalidate(roles.organizationId(), userId));
        } else if (change instanceof LogtoChange.OrganizationDeleted deleted) {
            invalidateOrganization(deleted.organizationId());
        } else if (change instanceof LogtoChange.UserChanged user && user.deleted()) {
            cache.asMap().keySet().removeIf(k -> k.userId().equals(user.userId()));
        }
    }

    /** A user in an organization. */
    public record MemberKey(String organizationId, String userId) {}
}
