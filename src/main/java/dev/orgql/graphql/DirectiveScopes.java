package dev.orgql.graphql;

import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.OrganizationPermission;
import dev.orgql.auth.RequestedScopes;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

import java.util.Collection;

/** Tells {@link RequestedScopes} which organization scopes the schema's directives use. */
final class DirectiveScopes {
    private DirectiveScopes() {
    }

    static void register(GraphQLSchema schema, AuthConfig config, RequestedScopes requested) {
        for (var type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__")) {
                continue;
            }
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                GraphQLAppliedDirective directive = field.getAppliedDirective(RequiresScopeWiring.DIRECTIVE);
                if (directive == null || directive.getArgument("permissions") == null) {
                    continue;
                }
                if (directive.getArgument("permissions").getValue() instanceof Collection<?> names) {
                    names.forEach(name -> requested.usedByDirective(config.scopeFor(OrganizationPermission.valueOf(String.valueOf(name)))));
                }
            }
        }
    }
}
