package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import dev.orgql.role.TemplateInputs.DeleteScopeInput;
import dev.orgql.role.TemplatePayloads.DeleteScopePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.deleteScope}. */
@Singleton
class DeleteScopeMutation implements GatewayFetcher<CompletableFuture<DeleteScopePayload>> {
    private final LogtoClient logto;
    private final TemplateMutations template;

    DeleteScopeMutation(LogtoClient logto, TemplateMutations template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Mutation.deleteScope";
    }

    @Override
    public CompletableFuture<DeleteScopePayload> get(DataFetchingEnvironment env) {
        String scopeId = Inputs.read(env, DeleteScopeInput.class).scopeId();
        return Mutations.run(
                DeleteScopePayload::failed,
                () -> logto.deleteOrganizationScope(scopeId).thenApply(deleted -> {
                    template.changed();
                    return new DeleteScopePayload(scopeId, List.of());
                }),
                e -> TemplateMutations.notFound(e, "scopeId"));
    }
}
