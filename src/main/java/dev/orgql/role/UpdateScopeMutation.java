package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import dev.orgql.role.TemplateInputs.UpdateScopeInput;
import dev.orgql.role.TemplatePayloads.ScopePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.updateScope}. */
@Singleton
class UpdateScopeMutation implements GatewayFetcher<CompletableFuture<ScopePayload>> {
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
    public CompletableFuture<ScopePayload> get(DataFetchingEnvironment env) {
        return Mutations.run(
                ScopePayload::failed,
                () -> {
                    UpdateScopeInput input = Inputs.read(env, UpdateScopeInput.class);
                    return logto.updateOrganizationScope(input.scopeId(), input.body())
                            .thenCompose(scope -> template.readBackScope(scope.id()))
                            .thenApply(scope -> new ScopePayload(scope, List.of()));
                },
                e -> TemplateMutations.notFound(e, "scopeId"));
    }
}
