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

/** {@code Mutation.createRole}. */
@Singleton
class CreateRoleMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final TemplateMutations template;

    CreateRoleMutation(LogtoClient logto, TemplateMutations template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Mutation.createRole";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        return Mutations.run(() -> {
            Map<String, Object> body = TemplateMutations.body(input, true);
            body.put("organizationScopeIds", Mutations.ids(input, "scopeIds"));
            return logto.createOrganizationRole(body).thenCompose(role -> template.rolePayload(role.id()));
        }, e -> "entity.relation_foreign_key_not_found".equals(e.code())
                ? UserError.of(UserErrorCode.NOT_FOUND, "A scope does not exist: " + e.getMessage(), "input", "scopeIds") : null);
    }
}
