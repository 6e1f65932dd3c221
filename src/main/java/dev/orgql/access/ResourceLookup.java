package dev.orgql.access;

import java.util.concurrent.CompletableFuture;

/**
 * Finds a resource named by an argument ({@code invitationArgument}) and the organization it belongs
 * to, so the access check runs there. Lives in the feature package that owns the resource.
 */
public interface ResourceLookup {
    /** What the ids name, for example {@code invitation}. */
    String kind();

    /** The resource, through the request's loaders; null when no resource has this id. */
    CompletableFuture<Resource> find(String id, Loaders loaders);

    /**
     * @param organizationId the organization it belongs to
     * @param value          the loaded resource, as the policies of its kind read it
     */
    record Resource(String organizationId, Object value) {}
}
