package dev.orgql.member;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.OrganizationPrefetch;
import dev.orgql.graphql.PagedReads;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.organization.OrganizationNode;
import dev.orgql.role.TemplateCache;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Organization.members}: Logto's member list, one page per call, with the members' roles embedded. */
@Singleton
class OrganizationMembersFetcher implements GatewayFetcher<CompletableFuture<Connections.Connection<MemberNode>>>, OrganizationPrefetch {
    private final LogtoClient logto;
    private final TemplateCache template;

    OrganizationMembersFetcher(LogtoClient logto, TemplateCache template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Organization.members";
    }

    @Override
    public String field() {
        return "members";
    }

    @Override
    public CompletableFuture<Connections.Connection<MemberNode>> get(DataFetchingEnvironment env) {
        OrganizationNode organization = env.getSource();
        return read(organization.id(), env.getArguments(), RequestContext.of(env));
    }

    @Override
    public void prefetch(String organizationId, SelectedField selection, RequestContext context) {
        read(organizationId, selection.getArguments(), context);
        template.warmFor(selection);
    }

    private CompletableFuture<Connections.Connection<MemberNode>> read(String organizationId, Map<String, Object> arguments,
                                                                       RequestContext context) {
        Connections.Window window = Connections.window((Integer) arguments.get("first"), (String) arguments.get("after"));
        String search = (String) arguments.get("search");
        String roleId = (String) arguments.get("roleId");
        return PagedReads.window(window, (page, size) -> context.read(
                        List.of("members", organizationId, String.valueOf(search), String.valueOf(roleId), page, size),
                        () -> logto.listOrganizationUsers(organizationId, search, roleId, page, size)))
                .thenApply(connection -> map(connection, organizationId, window.offset()));
    }

    private static Connections.Connection<MemberNode> map(Connections.Connection<LogtoModels.User> users, String organizationId, int offset) {
        List<MemberNode> members = users.nodes().stream().map(user -> MemberNode.of(organizationId, user)).toList();
        return Connections.of(members, offset, users.totalCount());
    }
}
