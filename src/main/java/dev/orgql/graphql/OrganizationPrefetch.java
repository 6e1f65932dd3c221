package dev.orgql.graphql;

/**
 * A field of {@code Organization} whose reads need only the organization's id, so they can start while
 * the organization itself is still loading instead of after it (see {@link Prefetcher}). The field's
 * own fetcher later finds the same reads in the request's {@link RequestContext}.
 */
public interface OrganizationPrefetch {
    /** The {@code Organization} field, for example {@code members}. */
    String field();

    /** Starts the reads the field will make for this selection (its arguments and sub-selection). */
    void prefetch(String organizationId, PrefetchSelection selection, RequestContext context);
}
