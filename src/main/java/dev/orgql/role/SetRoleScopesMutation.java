package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.setRoleScopes}. */
@Singleton
class SetRoleScopesMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
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
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String roleId = (String) input.get("roleId");
        List<String> scopeIds = Mutations.ids(input, "scopeIds");
        // Role and scopes are checked first: Logto answers 204 for an unknown role (recording 50),
        // which would otherwise come back as {role: null, userErrors: []}.
        return Mutations.run(() -> template.requireRole(roleId, "input", "roleId")
                        .thenCompose(role -> template.requireScopes(scopeIds, "input", "scopeIds"))
                        .thenCompose(ok -> logto.replaceOrganizationRoleScopes(roleId, scopeIds))
                        .thenCompose(done -> template.rolePayload(roleId)),
                e -> e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                        ? UserError.of(UserErrorCode.NOT_FOUND, "The role or a scope does not exist: " + e.getMessage(), "input")
                        : TemplateMutations.notFound(e, "roleId"));
    }
}
