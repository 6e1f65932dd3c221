package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.role.TemplateInputs.DeleteRoleInput;
import dev.orgql.role.TemplatePayloads.DeleteRolePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.deleteRole}. */
@Singleton
class DeleteRoleMutation implements GatewayFetcher<CompletableFuture<DeleteRolePayload>> {
    private final LogtoClient logto;
    private final TemplateMutations template;
    private final CreatorRole creatorRole;

    DeleteRoleMutation(LogtoClient logto, TemplateMutations template, CreatorRole creatorRole) {
        this.logto = logto;
        this.template = template;
        this.creatorRole = creatorRole;
    }

    @Override
    public String coordinates() {
        return "Mutation.deleteRole";
    }

    @Override
    public CompletableFuture<DeleteRolePayload> get(DataFetchingEnvironment env) {
        String roleId = Inputs.read(env, DeleteRoleInput.class).roleId();
        return Mutations.run(
                DeleteRolePayload::failed,
                () -> creatorRole.id().thenCompose(creatorId -> {
                    if (roleId.equals(creatorId)) {
                        return Mutations.<DeleteRolePayload>refuse(UserError.of(
                                UserErrorCode.BAD_USER_INPUT,
                                "The creator role `" + creatorRole.name()
                                        + "` (setting orgql.creator-role) cannot be deleted.",
                                "input",
                                "roleId"));
                    }
                    return logto.deleteOrganizationRole(roleId).thenApply(deleted -> {
                        template.changed();
                        return new DeleteRolePayload(roleId, List.of());
                    });
                }),
                e -> TemplateMutations.notFound(e, "roleId"));
    }
}
