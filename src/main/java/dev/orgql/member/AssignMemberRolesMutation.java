package dev.orgql.member;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.assignMemberRoles}: Logto's bulk route, every user by every role, all or nothing. */
@Singleton
class AssignMemberRolesMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final MemberReader reader;
    private final LiveScopeCache liveScopes;

    AssignMemberRolesMutation(LogtoClient logto, RoleCheck roleCheck, MemberReader reader, LiveScopeCache liveScopes) {
        this.logto = logto;
        this.roleCheck = roleCheck;
        this.reader = reader;
        this.liveScopes = liveScopes;
    }

    @Override
    public String coordinates() {
        return "Mutation.assignMemberRoles";
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
            if (roleIds.isEmpty()) {
                return Mutations.failedNow(UserError.of(UserErrorCode.BAD_USER_INPUT, "Give at least one role id.", "input", "roleIds"));
            }
            return roleCheck.require(roleIds, RoleCheck.USER, "input", "roleIds")
                    .thenCompose(ok -> logto.assignOrganizationUsersRoles(organizationId, userIds, roleIds))
                    .thenCompose(done -> {
                        userIds.forEach(id -> liveScopes.invalidate(organizationId, id));
                        return readBack ? reader.read(organizationId, userIds) : CompletableFuture.completedFuture(List.<MemberNode>of());
                    })
                    .thenApply(members -> Mutations.payload("members", members));
        }, e -> e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                // The roles were checked against the template: what is missing is a membership.
                ? UserError.of(UserErrorCode.NOT_A_MEMBER, "A user is not a member of the organization: " + e.getMessage(), "input", "userIds")
                : null);
    }
}
