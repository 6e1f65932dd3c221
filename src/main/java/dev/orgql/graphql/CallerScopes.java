package dev.orgql.graphql;

import dev.orgql.auth.LiveScopeCache.MemberKey;
import dev.orgql.auth.ScopeResolver;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import org.dataloader.DataLoader;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The caller's organization scopes inside one organization, with live lookups through the request's
 * loader. In a mutation request every live lookup is read from Logto for that request (once per
 * organization and user), never taken from the cross-request cache: a member demoted a moment ago
 * cannot change anything on the strength of scopes cached before. Query requests may use the cache,
 * so a read can reflect scopes up to {@code orgql.live-scopes-ttl} old.
 */
@Singleton
public class CallerScopes {
    private final ScopeResolver resolver;

    CallerScopes(ScopeResolver resolver) {
        this.resolver = resolver;
    }

    public CompletableFuture<Set<String>> in(DataFetchingEnvironment env, String organizationId) {
        DataLoader<MemberKey, Set<String>> live = env.getDataLoader(isMutation(env)
                ? RequiresScopeWiring.FRESH_LIVE_SCOPES_LOADER : RequiresScopeWiring.LIVE_SCOPES_LOADER);
        return resolver.scopesIn(RequestContext.of(env).caller(), organizationId, live::load);
    }

    private static boolean isMutation(DataFetchingEnvironment env) {
        OperationDefinition operation = env.getOperationDefinition();
        return operation != null && operation.getOperation() == OperationDefinition.Operation.MUTATION;
    }
}
