package dev.orgql.organization;

import dev.orgql.access.RequestedOrganizationScopes;
import dev.orgql.auth.Caller;
import dev.orgql.auth.LiveScopeCache.MemberKey;
import dev.orgql.auth.TokenFreshness;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.LiveScopesLoader;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * {@code Organization.viewerTokenFreshness}: the presented organization token's scopes against the
 * caller's live scopes there (one lookup, shared with the request's scope checks and cached briefly).
 * Null unless the request carries a user's organization token for this organization.
 */
@Singleton
class ViewerTokenFreshnessFetcher implements GatewayFetcher<CompletableFuture<TokenFreshness>> {
    private final RequestedOrganizationScopes requested;

    ViewerTokenFreshnessFetcher(RequestedOrganizationScopes requested) {
        this.requested = requested;
    }

    @Override
    public String coordinates() {
        return "Organization.viewerTokenFreshness";
    }

    @Override
    public CompletableFuture<TokenFreshness> get(DataFetchingEnvironment env) {
        OrganizationView organization = env.getSource();
        Caller caller = RequestContext.of(env).caller();
        if (!TokenFreshness.applies(caller, organization.id())) {
            return CompletableFuture.completedFuture(null);
        }
        // The loader the scope checks use: this field and they share one lookup.
        DataLoader<MemberKey, Set<String>> live = LiveScopesLoader.KEY.in(env);
        return live.load(new MemberKey(organization.id(), caller.subject()))
                .thenApply(scopes ->
                        TokenFreshness.compare(organization.id(), caller.scopes(), scopes, requested.scopes()));
    }
}
