package dev.orgql.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A user's live organization scopes ({@code GET /api/organizations/{id}/users/{userId}/scopes}),
 * kept for {@code orgql.live-scopes-ttl} (30 s by default) across requests. Mutations that change
 * roles or memberships invalidate the entries they make stale.
 */
@Singleton
public class LiveScopeCache {
    private final LogtoClient logto;
    private final AsyncCache<MemberKey, Set<String>> cache;

    LiveScopeCache(LogtoClient logto, AuthConfig config) {
        this.logto = logto;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.getLiveScopesTtl())
                .maximumSize(100_000)
                .buildAsync();
    }

    public CompletableFuture<Set<String>> scopes(MemberKey key) {
        return cache.get(key, (k, executor) -> logto.listUserOrganizationScopes(k.organizationId(), k.userId())
                .thenApply(list -> list.stream().map(LogtoModels.Scope::name).collect(Collectors.toUnmodifiableSet())));
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

    /** A user in an organization. */
    public record MemberKey(String organizationId, String userId) {
    }
}
