package dev.orgql.bot;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.setBotRoles}: PUT of the bot's roles. Logto refuses an empty list on this route, so
 * clearing is done by deleting the current roles one by one.
 */
@Singleton
class SetBotRolesMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final BotSupport bots;

    SetBotRolesMutation(LogtoClient logto, RoleCheck roleCheck, BotSupport bots) {
        this.logto = logto;
        this.roleCheck = roleCheck;
        this.bots = bots;
    }

    @Override
    public String coordinates() {
        return "Mutation.setBotRoles";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String organizationId = (String) input.get("organizationId");
        String applicationId = (String) input.get("applicationId");
        List<String> roleIds = Mutations.ids(input, "roleIds");
        boolean readBack = BotSupport.selected(env, "bot");
        return Mutations.run(() -> roleCheck.require(roleIds, RoleCheck.MACHINE_TO_MACHINE, "input", "roleIds")
                .thenCompose(ok -> roleIds.isEmpty() ? clear(organizationId, applicationId)
                        : logto.replaceOrganizationApplicationRoles(organizationId, applicationId, roleIds))
                .thenCompose(done -> readBack ? bots.read(organizationId, List.of(applicationId)) : CompletableFuture.completedFuture(List.<BotNode>of()))
                .thenApply(read -> Mutations.payload("bot", read.isEmpty() ? null : read.get(0))));
    }

    private CompletableFuture<Void> clear(String organizationId, String applicationId) {
        return logto.listOrganizationApplicationRoles(organizationId, applicationId).thenCompose(current -> CompletableFuture.allOf(
                current.stream().map(role -> logto.removeOrganizationApplicationRole(organizationId, applicationId, role.id()))
                        .toArray(CompletableFuture[]::new)));
    }
}
