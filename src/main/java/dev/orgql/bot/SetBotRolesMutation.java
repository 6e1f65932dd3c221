package dev.orgql.bot;

import dev.orgql.bot.BotInputs.SetBotRolesInput;
import dev.orgql.bot.BotPayloads.SetBotRolesPayload;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoModels;
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
class SetBotRolesMutation implements GatewayFetcher<CompletableFuture<SetBotRolesPayload>> {
    private final LogtoClient logto;
    private final RoleCheck roleCheck;
    private final Bots bots;

    SetBotRolesMutation(LogtoClient logto, RoleCheck roleCheck, Bots bots) {
        this.logto = logto;
        this.roleCheck = roleCheck;
        this.bots = bots;
    }

    @Override
    public String coordinates() {
        return "Mutation.setBotRoles";
    }

    @Override
    public CompletableFuture<SetBotRolesPayload> get(DataFetchingEnvironment env) {
        SetBotRolesInput input = Inputs.read(env, SetBotRolesInput.class);
        String organizationId = input.organizationId();
        String applicationId = input.applicationId();
        List<String> roleIds = input.roleIds();
        boolean readBack = Mutations.selected(env, "bot");
        return Mutations.run(SetBotRolesPayload::failed, () -> roleCheck.require(roleIds, RoleCheck.MACHINE_TO_MACHINE, "input", "roleIds")
                .thenCompose(ok -> roleIds.isEmpty() ? clear(organizationId, applicationId)
                        : logto.replaceOrganizationApplicationRoles(organizationId, applicationId, roleIds))
                .thenCompose(done -> readBack ? bots.read(organizationId, List.of(applicationId)) : CompletableFuture.completedFuture(List.<BotView>of()))
                .thenApply(read -> new SetBotRolesPayload(read.isEmpty() ? null : read.get(0), List.of())));
    }

    /**
     * Logto's PUT takes no empty list for bots, so the roles are removed one by one; if any removal
     * fails, the ones already removed are given back, so the bot keeps the roles it had.
     */
    private CompletableFuture<Void> clear(String organizationId, String applicationId) {
        return logto.listOrganizationApplicationRoles(organizationId, applicationId).thenCompose(current -> {
            List<String> ids = current.stream().map(LogtoModels.Role::id).toList();
            List<CompletableFuture<String>> removals = ids.stream()
                    .map(roleId -> logto.removeOrganizationApplicationRole(organizationId, applicationId, roleId)
                            .thenApply(done -> roleId))
                    .toList();
            return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).handle((done, failure) -> failure)
                    .thenCompose(failure -> {
                        if (failure == null) {
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        List<String> removed = removals.stream().filter(r -> !r.isCompletedExceptionally()).map(CompletableFuture::join).toList();
                        CompletableFuture<Void> restore = removed.isEmpty() ? CompletableFuture.completedFuture(null)
                                : logto.assignOrganizationApplicationsRoles(organizationId, List.of(applicationId), removed);
                        return restore.handle((restored, restoreFailure) -> {
                            throw LogtoErrors.rethrow(failure);
                        });
                    });
        });
    }
}
