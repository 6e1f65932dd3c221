package dev.orgql.member;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.member.MemberInputs.SetMemberRolesInput;
import dev.orgql.member.MemberPayloads.SetMemberRolesPayload;
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
class SetMemberRolesMutation implements GatewayFetcher<CompletableFuture<SetMemberRolesPayload>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final AdminGuard guard;
    private final Members reader;
    private final LiveScopeCache liveScopes;

    SetMemberRolesMutation(LogtoClient logto, RoleCheck roleCheck, AdminGuard guard, Members reader, LiveScopeCache liveScopes) {
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
    public CompletableFuture<SetMemberRolesPayload> get(DataFetchingEnvironment env) {
        SetMemberRolesInput input = Inputs.read(env, SetMemberRolesInput.class);
        String organizationId = input.organizationId();
        String userId = input.userId();
        List<String> roleIds = input.roleIds();
        boolean readBack = Mutations.selected(env, "member");
        return Mutations.run(SetMemberRolesPayload::failed, () -> roleCheck.require(roleIds, RoleCheck.USER, "input", "roleIds")
                .thenCompose(ok -> guard.creatorRoleId().thenCombine(logto.listOrganizationUserRoles(organizationId, userId),
                        (creatorId, current) -> {
                            List<String> before = current.stream().map(LogtoModels.Role::id).toList();
                            boolean loses = before.contains(creatorId) && !roleIds.contains(creatorId);
                            return guard.guarded(organizationId, userId, creatorId, loses,
                                    () -> logto.replaceOrganizationUserRoles(organizationId, userId, roleIds),
                                    () -> logto.replaceOrganizationUserRoles(organizationId, userId, before),
                                    () -> {
                                        liveScopes.invalidate(organizationId, userId);
                                        return (readBack ? reader.readOne(organizationId, userId) : CompletableFuture.<MemberView>completedFuture(null))
                                                .thenApply(member -> new SetMemberRolesPayload(member, List.of()));
                                    });
                        }).thenCompose(f -> f)));
    }
}
