package dev.orgql.member;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.addMembers}: add the users, then (bulk route) give them the roles; if the roles
 * cannot be given, the users this call added are removed again.
 */
@Singleton
class AddMembersMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final MemberReader reader;
    private final LiveScopeCache liveScopes;

    AddMembersMutation(LogtoClient logto, RoleCheck roleCheck, MemberReader reader, LiveScopeCache liveScopes) {
        this.logto = logto;
        this.roleCheck = roleCheck;
        this.reader = reader;
        this.liveScopes = liveScopes;
    }

    @Override
    public String coordinates() {
        return "Mutation.addMembers";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String organizationId = (String) input.get("organizationId");
        List<String> userIds = Mutations.ids(input, "userIds");
        List<String> roleIds = Mutations.ids(input, "roleIds");
        boolean readBack = MemberReader.selected(env, "members");
        return Mutations.run(() -> {
            UserError size = Mutations.batchSizeError(userIds, "user ids", "input", "userIds");
            if (size != null) {
                return Mutations.failedNow(size);
            }
            return roleCheck.require(roleIds, RoleCheck.USER, "input", "roleIds")
                    .thenCompose(ok -> roleIds.isEmpty() ? logto.addOrganizationUsers(organizationId, userIds)
                            : Mutations.addWithRoles(
                                    () -> logto.getUsersOutsideOrganization(organizationId, userIds)
                                            .thenApply(users -> users.stream().map(LogtoModels.User::id).toList()),
                                    () -> logto.addOrganizationUsers(organizationId, userIds),
                                    () -> logto.assignOrganizationUsersRoles(organizationId, userIds, roleIds),
                                    userId -> logto.removeOrganizationUser(organizationId, userId)))
                    .thenCompose(done -> {
                        userIds.forEach(id -> liveScopes.invalidate(organizationId, id));
                        return readBack ? reader.read(organizationId, userIds) : CompletableFuture.completedFuture(List.<MemberNode>of());
                    })
                    .thenApply(members -> Mutations.payload("members", members));
        }, e -> e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                ? UserError.of(UserErrorCode.NOT_FOUND, "A user (or the organization) does not exist: " + e.getMessage(), "input", "userIds")
                : null);
    }
}
