package dev.orgql.member;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.member.MemberInputs.RemoveMemberRoleInput;
import dev.orgql.member.MemberPayloads.RemoveMemberRolePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.removeMemberRole}: DELETE of one role, under the last-admin guard (undo: POST it back). */
@Singleton
class RemoveMemberRoleMutation implements GatewayFetcher<CompletableFuture<RemoveMemberRolePayload>> {
    private final LogtoClient logto;
    private final AdminGuard guard;
    private final Members reader;
    private final LiveScopeCache liveScopes;

    RemoveMemberRoleMutation(LogtoClient logto, AdminGuard guard, Members reader, LiveScopeCache liveScopes) {
        this.logto = logto;
        this.guard = guard;
        this.reader = reader;
        this.liveScopes = liveScopes;
    }

    @Override
    public String coordinates() {
        return "Mutation.removeMemberRole";
    }

    @Override
    public CompletableFuture<RemoveMemberRolePayload> get(DataFetchingEnvironment env) {
        RemoveMemberRoleInput input = Inputs.read(env, RemoveMemberRoleInput.class);
        String organizationId = input.organizationId();
        String userId = input.userId();
        String roleId = input.roleId();
        boolean readBack = Mutations.selected(env, "member");
        return Mutations.run(
                RemoveMemberRolePayload::failed,
                () -> guard.creatorRoleId()
                        .thenCombine(logto.listOrganizationUserRoles(organizationId, userId), (creatorId, current) -> {
                            if (current.stream().map(LogtoModels.Role::id).noneMatch(roleId::equals)) {
                                return Mutations.<RemoveMemberRolePayload>refuse(UserError.of(
                                        UserErrorCode.NOT_FOUND,
                                        "The member does not hold this role.",
                                        "input",
                                        "roleId"));
                            }
                            return guard.guarded(
                                    organizationId,
                                    userId,
                                    creatorId,
                                    roleId.equals(creatorId),
                                    () -> logto.removeOrganizationUserRole(organizationId, userId, roleId),
                                    () -> logto.addOrganizationUserRoles(organizationId, userId, List.of(roleId)),
                                    () -> {
                                        liveScopes.invalidate(organizationId, userId);
                                        return (readBack
                                                        ? reader.readOne(organizationId, userId)
                                                        : CompletableFuture.<MemberView>completedFuture(null))
                                                .thenApply(member -> new RemoveMemberRolePayload(member, List.of()));
                                    });
                        })
                        .thenCompose(f -> f));
    }
}
