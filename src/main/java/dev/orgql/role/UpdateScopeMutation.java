package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.updateScope}. */
@Singleton
class UpdateScopeMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final TemplateMutations template;

    UpdateScopeMutation(LogtoClient logto, TemplateMutations template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Mutation.updateScope";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String scopeId = (String) input.get("scopeId");
        return Mutations.run(() -> logto.updateOrganizationScope(scopeId, TemplateMutations.body(input, false))
                .thenCompose(scope -> template.scopePayload(scope.id())), e -> TemplateMutations.notFound(e, "scopeId"));
    }
}
