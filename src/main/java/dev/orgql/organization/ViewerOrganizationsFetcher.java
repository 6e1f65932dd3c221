package dev.orgql.organization;

import dev.orgql.auth.Caller;
import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.user.Viewer;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Viewer.organizations}: Logto's list of the user's organizations (not paged by Logto, so read
 * whole and paged here), sorted by name for a stable order. A token bound to one organization sees
 * only that one.
 */
@Singleton
class ViewerOrganizationsFetcher
        implements GatewayFetcher<CompletableFuture<ViewerOrganizationsFetcher.ViewerOrganizationConnection>> {
    private final LogtoClient logto;

    ViewerOrganizationsFetcher(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Viewer.organizations";
    }

    @Override
    public CompletableFuture<ViewerOrganizationConnection> get(DataFetchingEnvironment env) {
        Viewer viewer = env.getSource();
        Caller caller = RequestContext.of(env).caller();
        Connections.Window window = Connections.window(
                Inputs.read(env.getArguments(), Connections.Paging.class),
                "viewer-organizations|" + viewer.userId() + "|" + caller.organizationId());
        return RequestContext.of(env)
                .read(List.of("userOrganizations", viewer.userId()), () -> logto.listUserOrganizations(viewer.userId()))
                .thenApply(all -> {
                    List<LogtoModels.Organization> visible = all.stream()
                            .filter(org -> !caller.isBoundToOrganization()
                                    || caller.organizationId().equals(org.id()))
                            .sorted(Comparator.comparing(LogtoModels.Organization::name, String.CASE_INSENSITIVE_ORDER)
                                    .thenComparing(LogtoModels.Organization::id))
                            .toList();
                    return ViewerOrganizationConnection.of(Connections.slice(visible, window));
                });
    }

    /** The SDL's {@code ViewerOrganizationConnection}: its edges carry the viewer's roles in the organization. */
    record ViewerOrganizationConnection(
            List<ViewerOrganizationEdge> edges,
            List<OrganizationView> nodes,
            Connections.PageInfo pageInfo,
            int totalCount) {
        static ViewerOrganizationConnection of(Connections.Connection<LogtoModels.Organization> page) {
            List<ViewerOrganizationEdge> edges = page.edges().stream()
                    .map(edge -> new ViewerOrganizationEdge(
                            edge.cursor(),
                            OrganizationView.of(edge.node()),
                            edge.node().organizationRoles() == null
                                    ? List.of()
                                    : edge.node().organizationRoles()))
                    .toList();
            return new ViewerOrganizationConnection(
                    edges,
                    edges.stream().map(ViewerOrganizationEdge::node).toList(),
                    page.pageInfo(),
                    page.totalCount());
        }
    }

    /**
     * The SDL's {@code ViewerOrganizationEdge}.
     *
     * @param embeddedRoles the viewer's roles as Logto embeds them (id and name), resolved by {@code ViewerOrganizationEdge.roles}
     */
    record ViewerOrganizationEdge(String cursor, OrganizationView node, List<LogtoModels.IdAndName> embeddedRoles) {}
}
