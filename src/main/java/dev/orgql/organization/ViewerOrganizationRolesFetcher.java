package dev.orgql.organization;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.role.RoleResolver;
import dev.orgql.role.RoleView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code ViewerOrganizationEdge.roles}: the viewer's roles, embedded by Logto in the organization list. */
@Singleton
class ViewerOrganizationRolesFetcher implements GatewayFetcher<CompletableFuture<List<RoleView>>> {
    private final RoleResolver roles;

    ViewerOrganizationRolesFetcher(RoleResolver roles) {
        this.roles = roles;
    }

    @Override
    public String coordinates() {
        return "ViewerOrganizationEdge.roles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        ViewerOrganizationsFetcher.ViewerOrganizationEdge edge = env.getSource();
        return roles.resolve(RequestContext.of(env), edge.embeddedRoles(), "USER");
    }
}
