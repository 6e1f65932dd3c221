package dev.orgql.graphql;

import graphql.schema.DataFetcher;

/**
 * A data fetcher for one schema field. Each feature package declares its fetchers as beans;
 * {@link GraphQLFactory} wires them by {@link #coordinates()}.
 */
public interface GatewayFetcher<T> extends DataFetcher<T> {
    /** {@code Type.field}, for example {@code Query.organization}. */
    String coordinates();
}
