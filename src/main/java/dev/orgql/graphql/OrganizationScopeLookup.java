package dev.orgql.graphql;

import dev.orgql.auth.LiveScopeCache.MemberKey;
import dev.orgql.auth.ScopeResolver;
import dev.orgql.auth.ScopeResolver.HeldScopes;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * The caller's organization scopes inside one organization, for this request: from the token, or
 * looked up live through the request's loader (see {@link ScopeResolver}). In a mutation request every
 * live lookup is read from Logto for that request (once per organization and user), never taken from
 * the cross-request cache: a member demoted a moment ago cannot change anything on the strength of
 * scopes cached before. Query requests may use the cache, so a read can reflect scopes up to
 * {@code orgql.live-scopes-ttl} old.
 */
@Singleton
public class OrganizationScopeLookup {
    private final ScopeResolver resolver;

    OrganizationScopeLookup(ScopeResolver resolver) {
        this.resolver = resolver;
    }

    public CompletableFuture<Set<String>> in(DataFetchingEnvironment env, String organizationId) {
        HeldScopes held = resolver.scopesIn(RequestContext.of(env).caller(), organizationId);
        if (held instanceof HeldScopes.Known known) {
            return CompletableFuture.completedFuture(known.scopes());
        }
        DataLoader<MemberKey, Set<String>> live =
                (isMutation(env) ? LiveScopesLoader.FRESH_KEY : LiveScopesLoader.KEY).in(env);
        return live.load(((HeldScopes.Live) held).key());
    }

    private static boolean isMutation(DataFetchingEnvironment env) {
        OperationDefinition operation = env.getOperationDefinition();
        return operation != null && operation.getOperation() == OperationDefinition.Operation.MUTATION;
    }
}
