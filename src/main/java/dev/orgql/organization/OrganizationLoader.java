package dev.orgql.organization;

import dev.orgql.graphql.LoaderDefinition;
import dev.orgql.logto.LogtoClient;
import jakarta.inject.Singleton;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.Try;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Organizations by id. Logto has no batch route for them: one call per distinct id, in parallel, and
 * a failure (such as 404) fails only its own key.
 */
@Singleton
public class OrganizationLoader implements LoaderDefinition<String, OrganizationNode> {
    public static final String NAME = "organization";

    private final LogtoClient logto;

    OrganizationLoader(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DataLoader<String, OrganizationNode> create() {
        return DataLoaderFactory.newDataLoaderWithTry((List<String> ids) -> {
            List<CompletableFuture<Try<OrganizationNode>>> calls = ids.stream()
                    .map(id -> logto.getOrganization(id)
                            .thenApply(org -> Try.succeeded(OrganizationNode.of(org)))
                            .exceptionally(Try::failed))
                    .toList();
            return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
        });
    }
}
