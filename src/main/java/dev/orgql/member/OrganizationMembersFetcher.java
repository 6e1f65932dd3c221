package dev.orgql.member;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.OrganizationPrefetch;
import dev.orgql.graphql.PagedReads;
import dev.orgql.graphql.PrefetchSelection;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.organization.OrganizationView;
import dev.orgql.role.RoleCheck;
import dev.orgql.role.TemplateCache;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Organization.members}: Logto's member list, one page per call, with the members' roles
 * embedded. With {@code roleId}, only the role's holders, on every Logto version (see
 * {@link RoleFilteredMembers}). A role id that is no role of the template, or a machine-to-machine
 * role (no user holds one), answers an empty connection without reading members: the filter asks
 * "who holds this role", and nobody does. An id that cannot be any Logto id (control characters,
 * {@code /}, {@code \}, {@code ..}) is {@code BAD_USER_INPUT}, before any call.
 */
@Singleton
class OrganizationMembersFetcher
        implements GatewayFetcher<CompletableFuture<Connections.Connection<MemberView>>>, OrganizationPrefetch {
    private final LogtoClient logto;
    private final TemplateCache template;
    private final RoleFilteredMembers roleFiltered;

    OrganizationMembersFetcher(LogtoClient logto, TemplateCache template, RoleFilteredMembers roleFiltered) {
        this.logto = logto;
        this.template = template;
        this.roleFiltered = roleFiltered;
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
    public CompletableFuture<Connections.Connection<MemberView>> get(DataFetchingEnvironment env) {
        OrganizationView organization = env.getSource();
        return read(organization.id(), env.getArguments(), RequestContext.of(env));
    }

    @Override
    public void prefetch(String organizationId, PrefetchSelection selection, RequestContext context) {
        read(organizationId, selection.arguments(), context);
        template.prefetchRolesIfSelected(selection, context);
    }

    private CompletableFuture<Connections.Connection<MemberView>> read(
            String organizationId, Map<String, Object> arguments, RequestContext context) {
        MembersArguments args = Inputs.read(arguments, MembersArguments.class);
        Connections.Window window = Connections.window(
                Inputs.read(arguments, Connections.Paging.class),
                "members|" + organizationId + "|" + args.search() + "|" + args.roleId());
        String search = args.search();
        String roleId = args.roleId();
        if (roleId == null) {
            return PagedReads.window(
                            window,
                            (page, size) -> MembersPages.read(context, logto, organizationId, search, null, page, size))
                    .thenApply(connection -> map(connection, organizationId));
        }
        // Cached per request as a whole: the prefetch and the field share one role lookup and one read.
        return context.read(
                        List.of(
                                "members-with-role",
                                organizationId,
                                String.valueOf(search),
                                roleId,
                                window.offset(),
                                window.first()),
                        () -> userRole(roleId)
                                .thenCompose(known -> known
                                        ? roleFiltered.window(context, organizationId, search, roleId, window)
                                        : CompletableFuture.completedFuture(Connections.of(
                                                List.<LogtoModels.User>of(), window, window.offset(), 0))))
                .thenApply(connection -> map(connection, organizationId));
    }

    /** The arguments of {@code Organization.members}. */
    /** The filters of {@code Organization.members}; its paging is {@link Connections.Paging}. */
    record MembersArguments(String search, String roleId) {}

    /** Whether the id is a user role of the template; a miss reads the template again once (a role made in the last seconds). */
    private CompletableFuture<Boolean> userRole(String roleId) {
        return template.rolesWith(List.of(roleId)).thenApply(roles -> {
            LogtoModels.Role role = roles.get(roleId);
            return role != null && !RoleCheck.MACHINE_TO_MACHINE.equals(role.type());
        });
    }

    private static Connections.Connection<MemberView> map(
            Connections.Connection<LogtoModels.User> users, String organizationId) {
        return users.map(user -> MemberView.of(organizationId, user));
    }
}
