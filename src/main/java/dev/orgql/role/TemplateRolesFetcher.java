package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code OrganizationTemplate.roles}. */
@Singleton
class TemplateRolesFetcher implements GatewayFetcher<CompletableFuture<List<RoleView>>> {
    private final TemplateCache template;

    TemplateRolesFetcher(TemplateCache template) {
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "OrganizationTemplate.roles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        return template.roles(RequestContext.of(env))
                .thenApply(roles -> roles.values().stream().map(RoleView::of).toList());
    }
}
