package dev.orgql.role;

import dev.orgql.logto.LogtoModels;

/**
 * The GraphQL {@code Scope}. Roles embed their scopes as id and name only; {@code descriptionKnown} says
 * whether {@code description} is known or must be looked up in the template.
 */
public record ScopeView(String id, String name, String description, boolean descriptionKnown) {
    /** A scope of the template, description included. */
    static ScopeView of(LogtoModels.Scope scope) {
        return new ScopeView(scope.id(), scope.name(), scope.description(), true);
    }
}
