package dev.orgql.graphql;

import jakarta.inject.Singleton;
import java.util.List;
import org.dataloader.DataLoaderRegistry;

/** A fresh set of every {@link LoaderDefinition}'s DataLoader for each request: nothing is shared between requests. */
@Singleton
class RequestLoaders {
    private final List<LoaderDefinition<?, ?>> loaders;

    RequestLoaders(List<LoaderDefinition<?, ?>> loaders) {
        this.loaders = loaders;
    }

    DataLoaderRegistry create() {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        loaders.forEach(loader -> registry.register(loader.name(), loader.create()));
        return registry;
    }
}
