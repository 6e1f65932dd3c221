package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.role.TemplateInputs.SetRoleScopesInput;
import dev.orgql.role.TemplatePayloads.RolePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.setRoleScopes}. */
@Singleton
class SetRoleScopesMutation implements GatewayFetcher<CompletableFuture<RolePayload>> {
    private final LogtoClient logto;
    private final TemplateMutations template;

    SetRoleScopesMutation(LogtoClient logto, TemplateMutations template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Mutation.setRoleScopes";
    }

    @Override
    public CompletableFuture<RolePayload> get(DataFetchingEnvironment env) {
        SetRoleScopesInput input = Inputs.read(env, SetRoleScopesInput.class);
        String roleId = input.roleId();
        List<String> scopeIds = input.scopeIds();
        // Role and scopes are checked first: Logto answers 204 for an unknown role (recording 50),
        // which would otherwise come back as {role: null, userErrors: []}.
        return Mutations.run(
                RolePayload::failed,
                () -> template.requireRole(roleId, "input", "roleId")
                        .thenCompose(role -> template.requireScopes(scopeIds, "input", "scopeIds"))
                        .thenCompose(ok -> logto.replaceOrganizationRoleScopes(roleId, scopeIds))
                        .thenCompose(done -> template.readBack(roleId))
                        .thenApply(role -> new RolePayload(role, List.of())),
                e -> e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                        ? UserError.of(
                                UserErrorCode.NOT_FOUND,
                                "The role or a scope does not exist: " + e.getMessage(),
                                "input")
                        : TemplateMutations.notFound(e, "roleId"));
    }
}
