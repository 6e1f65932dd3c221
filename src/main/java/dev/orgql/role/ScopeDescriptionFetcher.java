package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoModels;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code Scope.description}: looked up in the cached template only when a query asks for it. */
@Singleton
class ScopeDescriptionFetcher implements GatewayFetcher<CompletableFuture<String>> {
    private final TemplateCache template;

    ScopeDescriptionFetcher(TemplateCache template) {
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Scope.description";
    }

    @Override
    public CompletableFuture<String> get(DataFetchingEnvironment env) {
        ScopeView scope = env.getSource();
        if (scope.descriptionKnown()) {
            return CompletableFuture.completedFuture(scope.description());
        }
        return template.scopes(RequestContext.of(env)).thenApply(scopes -> {
            LogtoModels.Scope known = scopes.get(scope.id());
            return known == null ? null : known.description();
        });
    }
}
