package dev.orgql.graphql;

import org.dataloader.DataLoader;

/**
 * A per-request DataLoader. Feature packages declare them as beans; every request gets fresh ones, so
 * nothing read for one caller is ever served to another.
 */
public interface LoaderDefinition<K, V> {
    String name();

    DataLoader<K, V> create();
}
