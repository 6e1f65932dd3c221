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

/** {@code Mutation.deleteRole}. */
@Singleton
class DeleteRoleMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
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
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String roleId = (String) input.get("roleId");
        return Mutations.run(() -> creatorRole.id().thenCompose(creatorId -> {
            if (roleId.equals(creatorId)) {
                return Mutations.failedNow(UserError.of(UserErrorCode.BAD_USER_INPUT, "The creator role `" + creatorRole.name()
                        + "` (setting orgql.creator-role) cannot be deleted.", "input", "roleId"));
            }
            return logto.deleteOrganizationRole(roleId).thenApply(deleted -> {
                template.changed();
                return Mutations.payload("deletedRoleId", roleId);
            });
        }), e -> TemplateMutations.notFound(e, "roleId"));
    }
}
