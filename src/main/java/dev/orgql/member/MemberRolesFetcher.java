package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.role.RoleNode;
import dev.orgql.role.RoleResolver;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Member.roles}. */
@Singleton
class MemberRolesFetcher implements GatewayFetcher<CompletableFuture<List<RoleNode>>> {
    private final RoleResolver roles;

    MemberRolesFetcher(RoleResolver roles) {
        this.roles = roles;
    }

    @Override
    public String coordinates() {
        return "Member.roles";
    }

    @Override
    public CompletableFuture<List<RoleNode>> get(DataFetchingEnvironment env) {
        MemberNode member = env.getSource();
        return roles.resolve(member.roleRefs(), "USER");
    }
}
