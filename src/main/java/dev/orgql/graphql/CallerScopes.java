package dev.orgql.graphql;

import dev.orgql.auth.LiveScopeCache.MemberKey;
import dev.orgql.auth.ScopeResolver;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import org.dataloader.DataLoader;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The caller's organization scopes inside one organization, with live lookups through the request's loader. */
@Singleton
public class CallerScopes {
    private final ScopeResolver resolver;

    CallerScopes(ScopeResolver resolver) {
        this.resolver = resolver;
    }

    public CompletableFuture<Set<String>> in(DataFetchingEnvironment env, String organizationId) {
        DataLoader<MemberKey, Set<String>> live = env.getDataLoader(RequiresScopeWiring.LIVE_SCOPES_LOADER);
        return resolver.scopesIn(RequestContext.of(env).caller(), organizationId, live::load);
    }
}
