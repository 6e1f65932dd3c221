package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleResolver;
import dev.orgql.role.RoleView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Member.roles}. */
@Singleton
class MemberRolesFetcher implements GatewayFetcher<CompletableFuture<List<RoleView>>> {
    private final RoleResolver roles;
    private final LogtoClient logto;

    MemberRolesFetcher(RoleResolver roles, LogtoClient logto) {
        this.roles = roles;
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Member.roles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        MemberView member = env.getSource();
        if (member.embeddedRoles() == null) {
            // Refetched by id beyond the first page of its organization's list: Logto embedded no roles.
            return logto.listOrganizationUserRoles(member.organizationId(), member.id())
                    .thenCompose(held -> roles.resolve(
                            RequestContext.of(env),
                            held.stream()
                                    .map(r -> new LogtoModels.IdAndName(r.id(), r.name()))
                                    .toList(),
                            "USER"));
        }
        return roles.resolve(RequestContext.of(env), member.embeddedRoles(), "USER");
    }
}
