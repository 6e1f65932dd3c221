package dev.orgql.graphql;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

/**
 * The typed name of a per-request DataLoader: the loader's definition declares it once, and every
 * look-up goes through it, so the key and value types of a look-up cannot differ from the loader's.
 */
public record LoaderKey<K, V>(String name) {

    /** This request's loader. */
    public DataLoader<K, V> in(DataFetchingEnvironment env) {
        DataLoader<K, V> loader = env.getDataLoader(name);
        if (loader == null) {
            throw new IllegalStateException("No DataLoader `" + name + "` is registered for this request");
        }
        return loader;
    }
}
