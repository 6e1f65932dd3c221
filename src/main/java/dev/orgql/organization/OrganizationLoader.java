package dev.orgql.organization;

import dev.orgql.graphql.LoaderDefinition;
import dev.orgql.graphql.LoaderKey;
import dev.orgql.graphql.ParallelBatch;
import dev.orgql.logto.LogtoClient;
import jakarta.inject.Singleton;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/**
 * Organizations by id; Logto has no batch route for them (see {@link ParallelBatch}).
 */
@Singleton
public class OrganizationLoader implements LoaderDefinition<String, OrganizationView> {
    public static final LoaderKey<String, OrganizationView> KEY = new LoaderKey<>("organization");

    private final LogtoClient logto;

    OrganizationLoader(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String name() {
        return KEY.name();
    }

    @Override
    public LoaderKey<String, OrganizationView> key() {
        return KEY;
    }

    @Override
    public DataLoader<String, OrganizationView> create() {
        return DataLoaderFactory.newDataLoaderWithTry(
                ParallelBatch.of((String id) -> logto.getOrganization(id).thenApply(OrganizationView::of)));
    }
}
