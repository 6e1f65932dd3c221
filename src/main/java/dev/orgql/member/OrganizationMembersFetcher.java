package dev.orgql.member;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.PagedReads;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.organization.OrganizationNode;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Organization.members}: Logto's member list, one page per call, with the members' roles embedded. */
@Singleton
class OrganizationMembersFetcher implements GatewayFetcher<CompletableFuture<Connections.Connection<MemberNode>>> {
    private final LogtoClient logto;

    OrganizationMembersFetcher(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Organization.members";
    }

    @Override
    public CompletableFuture<Connections.Connection<MemberNode>> get(DataFetchingEnvironment env) {
        OrganizationNode organization = env.getSource();
        Connections.Window window = Connections.window(env.getArgument("first"), env.getArgument("after"));
        String search = env.getArgument("search");
        String roleId = env.getArgument("roleId");
        RequestContext context = RequestContext.of(env);
        return PagedReads.window(window, (page, size) -> context.read(
                        List.of("members", organization.id(), String.valueOf(search), String.valueOf(roleId), page, size),
                        () -> logto.listOrganizationUsers(organization.id(), search, roleId, page, size)))
                .thenApply(connection -> map(connection, organization.id(), window.offset()));
    }

    private static Connections.Connection<MemberNode> map(Connections.Connection<LogtoModels.User> users, String organizationId, int offset) {
        List<MemberNode> members = users.nodes().stream().map(user -> MemberNode.of(organizationId, user)).toList();
        return Connections.of(members, offset, users.totalCount());
    }
}
