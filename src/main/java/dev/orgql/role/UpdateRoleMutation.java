package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.role.TemplateInputs.UpdateRoleInput;
import dev.orgql.role.TemplatePayloads.RolePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.updateRole}. */
@Singleton
class UpdateRoleMutation implements GatewayFetcher<CompletableFuture<RolePayload>> {
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
    public CompletableFuture<RolePayload> get(DataFetchingEnvironment env) {
        return Mutations.run(
                RolePayload::failed,
                () -> {
                    UpdateRoleInput input = Inputs.read(env, UpdateRoleInput.class);
                    String roleId = input.roleId();
                    Map<String, Object> body = input.body();
                    return creatorRole.id().thenCompose(creatorId -> {
                        if (roleId.equals(creatorId)
                                && (body.containsKey("name")
                                                && !creatorRole.name().equals(body.get("name"))
                                        || RoleCheck.MACHINE_TO_MACHINE.equals(body.get("type")))) {
                            return Mutations.<RolePayload>refuse(UserError.of(
                                    UserErrorCode.BAD_USER_INPUT,
                                    "The creator role `" + creatorRole.name()
                                            + "` (setting orgql.creator-role) cannot be renamed or made a machine-to-machine role.",
                                    "input"));
                        }
                        return logto.updateOrganizationRole(roleId, body)
                                .thenCompose(role -> template.readBack(role.id()))
                                .thenApply(role -> new RolePayload(role, List.of()));
                    });
                },
                e -> TemplateMutations.notFound(e, "roleId"));
    }
}
