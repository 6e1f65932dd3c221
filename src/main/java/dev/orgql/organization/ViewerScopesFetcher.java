package dev.orgql.organization;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.OrganizationScopeLookup;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Organization.viewerScopes}: what the caller holds here, exactly as the scope directive sees it. */
@Singleton
class ViewerScopesFetcher implements GatewayFetcher<CompletableFuture<List<String>>> {
    private final OrganizationScopeLookup scopes;

    ViewerScopesFetcher(OrganizationScopeLookup scopes) {
        this.scopes = scopes;
    }

    @Override
    public String coordinates() {
        return "Organization.viewerScopes";
    }

    @Override
    public CompletableFuture<List<String>> get(DataFetchingEnvironment env) {
        OrganizationView organization = env.getSource();
        return scopes.in(env, organization.id())
                .thenApply(held -> held.stream().sorted().toList());
    }
}
