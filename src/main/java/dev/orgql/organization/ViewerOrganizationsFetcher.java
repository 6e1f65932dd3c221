package dev.orgql.organization;

import dev.orgql.auth.Caller;
import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.user.ViewerNode;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Viewer.organizations}: Logto's list of the user's organizations (not paged by Logto, so read
 * whole and paged here), sorted by name for a stable order. A token bound to one organization sees
 * only that one.
 */
@Singleton
class ViewerOrganizationsFetcher implements GatewayFetcher<CompletableFuture<Connections.Connection<OrganizationNode>>> {
    static final String ROLE_REFS = "roleRefs";

    private final LogtoClient logto;

    ViewerOrganizationsFetcher(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Viewer.organizations";
    }

    @Override
    public CompletableFuture<Connections.Connection<OrganizationNode>> get(DataFetchingEnvironment env) {
        ViewerNode viewer = env.getSource();
        Caller caller = RequestContext.of(env).caller();
        Connections.Window window = Connections.window(env.getArgument("first"), env.getArgument("after"));
        return RequestContext.of(env)
                .read(List.of("userOrganizations", viewer.userId()), () -> logto.listUserOrganizations(viewer.userId()))
                .thenApply(all -> {
                    List<LogtoModels.Organization> visible = all.stream()
                            .filter(org -> !caller.isBoundToOrganization() || caller.organizationId().equals(org.id()))
                            .sorted(Comparator.comparing(LogtoModels.Organization::name, String.CASE_INSENSITIVE_ORDER)
                                    .thenComparing(LogtoModels.Organization::id))
                            .toList();
                    Map<String, List<LogtoModels.Ref>> roles = new java.util.HashMap<>();
                    visible.forEach(org -> roles.put(org.id(), org.organizationRoles() == null ? List.of() : org.organizationRoles()));
                    return Connections.slice(visible.stream().map(OrganizationNode::of).toList(), window,
                            node -> Map.of(ROLE_REFS, roles.get(node.id())));
                });
    }
}
