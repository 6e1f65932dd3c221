package dev.orgql.role;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.orgql.graphql.PrefetchSelection;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoChange;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.logto.ReadCacheSettings;
import dev.orgql.logto.ReadKind;
import dev.orgql.logto.Telemetry;
import dev.orgql.logto.UpstreamBudget;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The tenant-wide organization template (roles with their scopes, and all scopes), kept for
 * {@code orgql.read-cache.template.ttl} (default {@code orgql.template-ttl}, 60 s) across requests: it changes rarely and nearly every query needs it.
 * Template mutations invalidate it, and so do Logto's webhooks for roles and scopes.
 */
@Singleton
public class TemplateCache {
    private enum Part {
        ROLES,
        SCOPES
    }

    private final AsyncLoadingCache<Part, Map<String, ?>> cache;

    TemplateCache(LogtoClient logto, ReadCacheSettings settings, Telemetry telemetry) {
        this.cache = telemetry.monitor(
                "organization-template",
                Caffeine.newBuilder()
                        .expireAfterWrite(settings.ttl(ReadKind.TEMPLATE))
                        .recordStats()
                        .<Part, Map<String, ?>>buildAsync((part, executor) -> switch (part) {
                            case ROLES ->
                                logto.listAllOrganizationRoles().thenApply(roles -> byId(roles, LogtoModels.Role::id));
                            case SCOPES ->
                                logto.listAllOrganizationScopes()
                                        .thenApply(scopes -> byId(scopes, LogtoModels.Scope::id));
                        }));
    }

    /** Every role by id, in Logto's order (by name). */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Map<String, LogtoModels.Role>> roles() {
        return UpstreamBudget.shared(() -> cache.get(Part.ROLES)).thenApply(map -> (Map<String, LogtoModels.Role>) map);
    }

    /** Every scope by id, in Logto's order (by name). */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Map<String, LogtoModels.Scope>> scopes() {
        return UpstreamBudget.shared(() -> cache.get(Part.SCOPES))
                .thenApply(map -> (Map<String, LogtoModels.Scope>) map);
    }

    /**
     * Every role by id, for a field of a query. Within one request, a read in flight or failed is shared
     * by every field that needs it: when Logto fails, the request makes one call and each of those fields
     * reports the failure, rather than each field asking again (the cache keeps no failed read).
     */
    public CompletableFuture<Map<String, LogtoModels.Role>> roles(RequestContext context) {
        return sharedInRequest(context, Part.ROLES, this::roles);
    }

    /** Every scope by id, for a field of a query (see {@link #roles(RequestContext)}). */
    public CompletableFuture<Map<String, LogtoModels.Scope>> scopes(RequestContext context) {
        return sharedInRequest(context, Part.SCOPES, this::scopes);
    }

    private static <T> CompletableFuture<T> sharedInRequest(
            RequestContext context, Part part, Supplier<CompletableFuture<T>> read) {
        CompletableFuture<T> first = context.read(List.of(TemplateCache.class, part), read);
        if (first.isDone() && !first.isCompletedExceptionally()) {
            // A read that worked is asked of the cache again: a mutation of this request may have changed it.
            return read.get();
        }
        return first;
    }

    /**
     * Every role by id, read from Logto once more when one of {@code ids} is missing: a role made in
     * the last seconds (outside this gateway) may not be in the cached template yet.
     */
    public CompletableFuture<Map<String, LogtoModels.Role>> rolesWith(Collection<String> ids) {
        return readAgainOnMiss(this::roles, ids);
    }

    /** Every scope by id, read once more when one of {@code ids} is missing (see {@link #rolesWith}). */
    public CompletableFuture<Map<String, LogtoModels.Scope>> scopesWith(Collection<String> ids) {
        return readAgainOnMiss(this::scopes, ids);
    }

    private <T> CompletableFuture<Map<String, T>> readAgainOnMiss(
            Supplier<CompletableFuture<Map<String, T>>> read, Collection<String> ids) {
        return read.get().thenCompose(known -> {
            if (known.keySet().containsAll(ids)) {
                return CompletableFuture.completedFuture(known);
            }
            invalidate();
            return read.get();
        });
    }

    /** Starts loading the roles when a selection under an organization asks for roles anywhere. */
    public void prefetchRolesIfSelected(PrefetchSelection selection, RequestContext context) {
        if (selection.selectsAnywhere("roles")) {
            roles(context);
        }
    }

    /** Logto reported (by webhook) a change of a role or scope of the template. */
    @EventListener
    void onChange(LogtoChange change) {
        if (change instanceof LogtoChange.TemplateChanged) {
            invalidate();
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
