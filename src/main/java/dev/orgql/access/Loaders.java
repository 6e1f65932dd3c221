package dev.orgql.access;

import org.dataloader.DataLoader;

/**
 * The request's DataLoaders by name, as policies and lookups use them. The wiring passes the field's
 * own {@code DataFetchingEnvironment::getDataLoader}: loads made through it are seen by graphql-java's
 * dispatching, which loads taken straight from the registry are not (the request would wait forever).
 */
@FunctionalInterface
public interface Loaders {
    <K, V> DataLoader<K, V> get(String name);
}
