package dev.orgql.graphql;

import org.dataloader.DataLoader;

/**
 * A per-request DataLoader. Feature packages declare them as beans; every request gets fresh ones, so
 * nothing read for one caller is ever served to another. Fetchers look a loader up by its
 * {@link #key()} ({@code OrganizationLoader.KEY.in(env)}), never by a bare name.
 */
public interface LoaderDefinition<K, V> {
    String name();

    /** The typed key fetchers use to find this request's loader. */
    default LoaderKey<K, V> key() {
        return new LoaderKey<>(name());
    }

    DataLoader<K, V> create();
}
