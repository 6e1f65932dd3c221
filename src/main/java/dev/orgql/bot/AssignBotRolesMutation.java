package dev.orgql.bot;

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

/** {@code Mutation.assignBotRoles}: Logto's bulk route for applications. */
@Singleton
class AssignBotRolesMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final BotSupport bots;

    AssignBotRolesMutation(LogtoClient logto, RoleCheck roleCheck, BotSupport bots) {
        this.logto = logto;
        this.roleCheck = roleCheck;
        this.bots = bots;
    }

    @Override
    public String coordinates() {
        return "Mutation.assignBotRoles";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String organizationId = (String) input.get("organizationId");
        List<String> applicationIds = Mutations.ids(input, "applicationIds");
        List<String> roleIds = Mutations.ids(input, "roleIds");
        boolean readBack = BotSupport.selected(env, "bots");
        return Mutations.run(() -> {
            UserError size = Mutations.batchSizeError(applicationIds, "application ids", "input", "applicationIds");
            if (size != null) {
                return Mutations.failedNow(size);
            }
            if (roleIds.isEmpty()) {
                return Mutations.failedNow(UserError.of(UserErrorCode.BAD_USER_INPUT, "Give at least one role id.", "input", "roleIds"));
            }
            return roleCheck.require(roleIds, RoleCheck.MACHINE_TO_MACHINE, "input", "roleIds")
                    .thenCompose(ok -> logto.assignOrganizationApplicationsRoles(organizationId, applicationIds, roleIds))
                    .thenCompose(done -> readBack ? bots.read(organizationId, applicationIds) : CompletableFuture.completedFuture(List.<BotNode>of()))
                    .thenApply(assigned -> Mutations.payload("bots", assigned));
        }, e -> e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                ? UserError.of(UserErrorCode.NOT_A_MEMBER, "An application is not a bot of this organization: " + e.getMessage(),
                "input", "applicationIds") : null);
    }
}
