package dev.orgql.role;

/**
 * The GraphQL {@code Scope}. Roles embed their scopes as id and name only; {@code descriptionKnown} says
 * whether {@code description} is known or must be looked up in the template.
 */
public record ScopeView(String id, String name, String description, boolean descriptionKnown) {}
