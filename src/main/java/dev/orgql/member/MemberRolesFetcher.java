package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
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

    MemberRolesFetcher(RoleResolver roles) {
        this.roles = roles;
    }

    @Override
    public String coordinates() {
        return "Member.roles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        MemberView member = env.getSource();
        return roles.resolve(RequestContext.of(env), member.embeddedRoles(), "USER");
    }
}
