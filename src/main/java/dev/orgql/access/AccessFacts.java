package dev.orgql.access;

import java.util.Set;

/**
 * What is known about one field's request when access is decided. The decision starts with the ids the
 * caller gave and asks for more ({@link AccessDecision.LoadResource}, {@link AccessDecision.LoadScopes})
 * only when it cannot decide without.
 *
 * @param organizationId the organization the check is about (from the argument, the parent object or
 *                       the resource), or null when none is given or the resource was not found
 * @param resourceId     for rules about a resource: the id the caller gave, or null
 * @param resource       whether the resource has been looked up, and what came of it
 * @param policyAdmits   whether the rule's policy admits the caller (false until the resource is looked up)
 * @param heldScopes     the caller's organization scopes in {@code organizationId}, or null until looked up
 */
public record AccessFacts(
        String organizationId,
        String resourceId,
        ResourceState resource,
        boolean policyAdmits,
        Set<String> heldScopes) {

    public enum ResourceState {
        NOT_LOOKED_UP,
        FOUND,
        NOT_FOUND
    }

    public AccessFacts {
        heldScopes = heldScopes == null ? null : Set.copyOf(heldScopes);
    }

    /** Before anything is loaded: the organization id given (argument or parent), or null. */
    public static AccessFacts forOrganization(String organizationId) {
        return new AccessFacts(organizationId, null, ResourceState.NOT_LOOKED_UP, false, null);
    }

    /** Before anything is loaded: the resource id given, or null. */
    public static AccessFacts forResource(String resourceId) {
        return new AccessFacts(null, resourceId, ResourceState.NOT_LOOKED_UP, false, null);
    }

    public AccessFacts withResource(String organizationOfResource, boolean admitted) {
        return new AccessFacts(organizationOfResource, resourceId, ResourceState.FOUND, admitted, null);
    }

    public AccessFacts withoutResource() {
        return new AccessFacts(null, resourceId, ResourceState.NOT_FOUND, false, null);
    }

    public AccessFacts withScopes(Set<String> held) {
        return new AccessFacts(organizationId, resourceId, resource, policyAdmits, held);
    }
}
