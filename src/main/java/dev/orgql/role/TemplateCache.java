package dev.orgql.role;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import graphql.schema.SelectedField;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The tenant-wide organization template (roles with their scopes, and all scopes), kept for
 * {@code orgql.template-ttl} across requests: it changes rarely and nearly every query needs it.
 * Template mutations invalidate it.
 */
@Singleton
public class TemplateCache {
    private enum Part {
        ROLES,
        SCOPES
    }

    private final AsyncLoadingCache<Part, Map<String, ?>> cache;

    TemplateCache(LogtoClient logto, @Value("${orgql.template-ttl:60s}") Duration ttl) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).buildAsync((part, executor) -> switch (part) {
            case ROLES -> logto.listAllOrganizationRoles().thenApply(roles -> byId(roles, LogtoModels.Role::id));
            case SCOPES -> logto.listAllOrganizationScopes().thenApply(scopes -> byId(scopes, LogtoModels.Scope::id));
        });
    }

    /** Every role by id, in Logto's order (by name). */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Map<String, LogtoModels.Role>> roles() {
        return cache.get(Part.ROLES).thenApply(map -> (Map<String, LogtoModels.Role>) map);
    }

    /** Every scope by id, in Logto's order (by name). */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Map<String, LogtoModels.Scope>> scopes() {
        return cache.get(Part.SCOPES).thenApply(map -> (Map<String, LogtoModels.Scope>) map);
    }

    /** Starts loading the roles when a selection under an organization asks for roles anywhere. */
    public void prefetchRolesIfSelected(SelectedField selection) {
        if (selection.getSelectionSet().contains("**/roles")) {
            roles();
        }
    }

    public void invalidate() {
        cache.synchronous().invalidateAll();
    }

    private static <T> Map<String, T> byId(List<T> items, java.util.function.Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }
}
