package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.createScope}. */
@Singleton
class CreateScopeMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;
    private final TemplateMutations template;

    CreateScopeMutation(LogtoClient logto, TemplateMutations template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Mutation.createScope";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        return Mutations.run(() -> logto.createOrganizationScope(TemplateMutations.body(input, true))
                .thenCompose(scope -> template.scopePayload(scope.id())));
    }
}
