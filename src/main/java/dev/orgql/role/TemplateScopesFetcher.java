package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code OrganizationTemplate.scopes}. */
@Singleton
class TemplateScopesFetcher implements GatewayFetcher<CompletableFuture<List<ScopeView>>> {
    private final TemplateCache template;

    TemplateScopesFetcher(TemplateCache template) {
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "OrganizationTemplate.scopes";
    }

    @Override
    public CompletableFuture<List<ScopeView>> get(DataFetchingEnvironment env) {
        return template.scopes(RequestContext.of(env))
                .thenApply(scopes -> scopes.values().stream().map(ScopeView::of).toList());
    }
}
