package dev.orgql.bot;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.addBots}: check the applications and roles, add, then give the roles (bulk route). */
@Singleton
class AddBotsMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final BotSupport bots;

    AddBotsMutation(LogtoClient logto, RoleCheck roleCheck, BotSupport bots) {
        this.logto = logto;
        this.roleCheck = roleCheck;
        this.bots = bots;
    }

    @Override
    public String coordinates() {
        return "Mutation.addBots";
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
            return roleCheck.require(roleIds, RoleCheck.MACHINE_TO_MACHINE, "input", "roleIds")
                    .thenCompose(ok -> bots.requireMachineToMachine(applicationIds))
                    .thenCompose(ok -> roleIds.isEmpty() ? add(organizationId, applicationIds)
                            : Mutations.addWithRoles(
                                    () -> logto.getApplicationsOutsideOrganization(organizationId, applicationIds)
                                            .thenApply(apps -> apps.stream().map(LogtoModels.Application::id).toList()),
                                    () -> add(organizationId, applicationIds),
                                    () -> logto.assignOrganizationApplicationsRoles(organizationId, applicationIds, roleIds),
                                    applicationId -> logto.removeOrganizationApplication(organizationId, applicationId)))
                    .thenCompose(done -> readBack ? bots.read(organizationId, applicationIds) : CompletableFuture.completedFuture(List.<BotNode>of()))
                    .thenApply(added -> Mutations.payload("bots", added));
        });
    }

    private CompletableFuture<Void> add(String organizationId, List<String> applicationIds) {
        return BotSupport.onLogto(logto.addOrganizationApplications(organizationId, applicationIds),
                LogtoError.DB_CONSTRAINT_VIOLATED, BotSupport.notMachineToMachine("An application is not machine-to-machine."));
    }
}
