package dev.orgql.member;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.setMemberRoles}: PUT of one member's roles, under the last-admin guard (undo: PUT the old ones). */
@Singleton
class SetMemberRolesMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final AdminGuard guard;
    private final MemberReader reader;
    private final LiveScopeCache liveScopes;

    SetMemberRolesMutation(LogtoClient logto, RoleCheck roleCheck, AdminGuard guard, MemberReader reader, LiveScopeCache liveScopes) {
        this.logto = logto;
        this.roleCheck = roleCheck;
        this.guard = guard;
        this.reader = reader;
        this.liveScopes = liveScopes;
    }

    @Override
    public String coordinates() {
        return "Mutation.setMemberRoles";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String organizationId = (String) input.get("organizationId");
        String userId = (String) input.get("userId");
        List<String> roleIds = Mutations.ids(input, "roleIds");
        boolean readBack = MemberReader.selected(env, "member");
        return Mutations.run(() -> roleCheck.require(roleIds, RoleCheck.USER, "input", "roleIds")
                .thenCompose(ok -> guard.creatorRoleId().thenCombine(logto.listOrganizationUserRoles(organizationId, userId),
                        (creatorId, current) -> {
                            List<String> before = current.stream().map(LogtoModels.Role::id).toList();
                            boolean loses = before.contains(creatorId) && !roleIds.contains(creatorId);
                            return guard.guarded(organizationId, userId, creatorId, loses,
                                    () -> logto.replaceOrganizationUserRoles(organizationId, userId, roleIds),
                                    () -> logto.replaceOrganizationUserRoles(organizationId, userId, before),
                                    () -> {
                                        liveScopes.invalidate(organizationId, userId);
                                        return (readBack ? reader.readOne(organizationId, userId) : CompletableFuture.<MemberNode>completedFuture(null))
                                                .thenApply(member -> Mutations.payload("member", member));
                                    });
                        }).thenCompose(f -> f)));
    }
}
