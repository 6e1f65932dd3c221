package dev.orgql.graphql;

import dev.orgql.logto.Telemetry;
import io.micrometer.core.instrument.DistributionSummary;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.instrumentation.DataLoaderInstrumentationContext;

/**
 * A fresh set of every {@link LoaderDefinition}'s DataLoader for each request: nothing is shared between
 * requests. Each batch's size goes to {@code orgql.dataloader.batch.size} by loader name.
 */
@Singleton
class RequestLoaders {
    private final List<LoaderDefinition<?, ?>> loaders;
    private final DataLoaderInstrumentation batchSizes;

    RequestLoaders(List<LoaderDefinition<?, ?>> loaders, Telemetry telemetry) {
        this.loaders = loaders;
        Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();
        this.batchSizes = new DataLoaderInstrumentation() {
            @Override
            public DataLoaderInstrumentationContext<List<?>> beginBatchLoader(
                    DataLoader<?, ?> dataLoader, List<?> keys, BatchLoaderEnvironment environment) {
                String name = dataLoader.getName() == null ? "unnamed" : dataLoader.getName();
                summaries
                        .computeIfAbsent(
                                name,
                                loader -> DistributionSummary.builder("orgql.dataloader.batch.size")
                                        .description("Keys per DataLoader batch")
                                        .tag("loader", loader)
                                        .register(telemetry.registry()))
                        .record(keys.size());
                return null;
            }
        };
    }

    DataLoaderRegistry create() {
        DataLoaderRegistry.Builder registry = DataLoaderRegistry.newRegistry().instrumentation(batchSizes);
        loaders.forEach(loader -> registry.register(loader.name(), loader.create()));
        return registry.build();
    }
}
