package dev.orgql.role;

import dev.orgql.graphql.NodeResolver;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Role} and {@code Scope} by global id: as {@code organizationTemplate}'s, from the same cached
 * template (no call of their own).
 */
final class TemplateNodes {
    private TemplateNodes() {}

    @Singleton
    static class RoleNode implements NodeResolver {
        private final TemplateCache template;

        RoleNode(TemplateCache template) {
            this.template = template;
        }

        @Override
        public String type() {
            return "Role";
        }

        @Override
        public String path() {
            return "Query.organizationTemplate";
        }

        @Override
        public String rawIdField() {
            return "roleId";
        }

        @Override
        public boolean owns(Object value) {
            return value instanceof RoleView;
        }

        @Override
        public List<String> parts(Object value) {
            return List.of(((RoleView) value).id());
        }

        @Override
        public CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env) {
            return template.roles(RequestContext.of(env)).thenApply(roles -> {
                var role = roles.get(parts.get(0));
                return role == null ? null : RoleView.of(role);
            });
        }
    }

    @Singleton
    static class ScopeNode implements NodeResolver {
        private final TemplateCache template;

        ScopeNode(TemplateCache template) {
            this.template = template;
        }

        @Override
        public String type() {
            return "Scope";
        }

        @Override
        public String path() {
            return "Query.organizationTemplate";
        }

        @Override
        public String rawIdField() {
            return "scopeId";
        }

        @Override
        public boolean owns(Object value) {
            return value instanceof ScopeView;
        }

        @Override
        public List<String> parts(Object value) {
            return List.of(((ScopeView) value).id());
        }

        @Override
        public CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env) {
            return template.scopes(RequestContext.of(env)).thenApply(scopes -> {
                var scope = scopes.get(parts.get(0));
                return scope == null ? null : ScopeView.of(scope);
            });
        }
    }
}
