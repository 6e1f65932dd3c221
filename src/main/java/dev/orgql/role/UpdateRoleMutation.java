package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.updateRole}. */
@Singleton
class UpdateRoleMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final TemplateMutations template;
    private final CreatorRole creatorRole;

    UpdateRoleMutation(LogtoClient logto, TemplateMutations template, CreatorRole creatorRole) {
        this.logto = logto;
        this.template = template;
        this.creatorRole = creatorRole;
    }

    @Override
    public String coordinates() {
        return "Mutation.updateRole";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String roleId = (String) input.get("roleId");
        return Mutations.run(() -> {
            Map<String, Object> body = TemplateMutations.body(input, false);
            return creatorRole.id().thenCompose(creatorId -> {
                if (roleId.equals(creatorId) && (body.containsKey("name") && !creatorRole.name().equals(body.get("name"))
                        || RoleCheck.MACHINE_TO_MACHINE.equals(body.get("type")))) {
                    return Mutations.failedNow(UserError.of(UserErrorCode.BAD_USER_INPUT, "The creator role `" + creatorRole.name()
                            + "` (setting orgql.creator-role) cannot be renamed or made a machine-to-machine role.", "input"));
                }
                return logto.updateOrganizationRole(roleId, body).thenCompose(role -> template.rolePayload(role.id()));
            });
        }, e -> TemplateMutations.notFound(e, "roleId"));
    }
}
