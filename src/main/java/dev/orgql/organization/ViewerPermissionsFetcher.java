package dev.orgql.organization;

import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.OrganizationPermission;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.OrganizationScopeLookup;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Organization.viewerPermissions}: the caller's scopes here, as the gateway's permission names. */
@Singleton
class ViewerPermissionsFetcher implements GatewayFetcher<CompletableFuture<List<String>>> {
    private final OrganizationScopeLookup scopes;
    private final AuthConfig config;

    ViewerPermissionsFetcher(OrganizationScopeLookup scopes, AuthConfig config) {
        this.scopes = scopes;
        this.config = config;
    }

    @Override
    public String coordinates() {
        return "Organization.viewerPermissions";
    }

    @Override
    public CompletableFuture<List<String>> get(DataFetchingEnvironment env) {
        OrganizationView organization = env.getSource();
        return scopes.in(env, organization.id())
                .thenApply(held -> Arrays.stream(OrganizationPermission.values())
                        .filter(permission -> held.contains(config.scopeFor(permission)))
                        .map(Enum::name)
                        .toList());
    }
}
