package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import dev.orgql.role.TemplateInputs.CreateScopeInput;
import dev.orgql.role.TemplatePayloads.ScopePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.createScope}. */
@Singleton
class CreateScopeMutation implements GatewayFetcher<CompletableFuture<ScopePayload>> {
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
    public CompletableFuture<ScopePayload> get(DataFetchingEnvironment env) {
        return Mutations.run(
                ScopePayload::failed,
                () -> logto.createOrganizationScope(
                                Inputs.read(env, CreateScopeInput.class).body())
                        .thenCompose(scope -> template.readBackScope(scope.id()))
                        .thenApply(scope -> new ScopePayload(scope, List.of())));
    }
}
